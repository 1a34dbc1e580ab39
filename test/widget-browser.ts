/** Browser-test harness for the help widget: a hostile customer page on one origin, the real server on another. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Desk } from '@smsdesk/core'
import { WIDGET_LOADER_FILE, widgetDistDir } from '@smsdesk/widget'
import { type Browser, chromium, type Page } from 'playwright-core'
import { startServer } from '../packages/server/src/index.ts'
import type { SupportContact } from '../packages/server/src/routes/widget.ts'

export const SUPPORT: SupportContact = {
  phone: '+46 8 123 45 67',
  email: 'support@ip1.se',
  hours: 'Mån–fre 08–17',
}

/** Rules a careless or hostile page might ship; none of them may reach inside the widget. */
const HOSTILE_CSS = `
html { font-size: 40px !important; }
* { font-size: 42px !important; line-height: 3 !important; letter-spacing: 3px !important; color: red !important;
    background: yellow !important; font-family: "Comic Sans MS", cursive !important; box-sizing: content-box !important; }
button, input, [role="dialog"], [role="search"], div, span, ul, li, a, h2, h3, dl, dd, dt, p, article, section { display: none !important; }
body > *, smsdesk-widget { position: static !important; visibility: hidden !important; opacity: 0 !important;
    transform: scale(0.1) !important; pointer-events: none !important; z-index: -1 !important; }
:focus { outline: none !important; }
`

function page(lang: string, body: string, widget: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Kundens sida</title>
<link rel="stylesheet" href="/hostile.css"></head><body><main><h1>Kundens sida</h1>
<p>Lite text.</p><button type="button">Sidans egen knapp</button></main>${body}
<script src="${widget}/widget.js" async></script>
<script src="${widget}/widget.js" async></script></body></html>`
}

export interface WidgetHarness {
  browser: Browser
  /** The customer's page origin (hostile CSS, strict CSP). */
  siteUrl: string
  /** The origin serving `widget.js` and the API. */
  widgetUrl: string
  /** The server's desk, for tests that look behind the API. */
  desk: Desk
  close(): Promise<void>
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  )
}

/** A port nobody listens on right now, so the server's PUBLIC_URL (used in the demo page) can name it. */
async function freePort(): Promise<number> {
  const probe = createServer()
  const url = await listen(probe)
  await new Promise((resolve) => probe.close(resolve))
  return Number(new URL(url).port)
}

/** The widget's origin: the real smsdesk server, started from environment variables like `npm start`. */
async function startRealServer(
  env: Record<string, string>,
): Promise<{ url: string; desk: Desk; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smsdesk-widget-test-'))
  const port = await freePort()
  const server = await startServer(
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SUPPORT_PHONE: SUPPORT.phone ?? '',
      SUPPORT_EMAIL: SUPPORT.email ?? '',
      SUPPORT_HOURS: SUPPORT.hours ?? '',
      ...env,
    },
    { announce: () => {} },
  )
  return {
    url: server.url,
    desk: server.desk,
    stop: async () => {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Starts the widget's origin, the customer site on another origin, and Chromium. */
export async function startWidgetHarness(env: Record<string, string> = {}): Promise<WidgetHarness> {
  if (!existsSync(join(widgetDistDir, WIDGET_LOADER_FILE))) {
    throw new Error('The widget is not built: run `npm run build -w @smsdesk/widget` first (npm test does).')
  }
  const origin = await startRealServer(env)
  const widgetUrl = origin.url

  const csp = [
    "default-src 'none'",
    `script-src 'self' ${widgetUrl}`,
    `connect-src ${widgetUrl}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
  ].join('; ')
  const files: Record<string, [type: string, body: string]> = {
    '/': ['text/html', page('sv', '', widgetUrl)],
    '/en.html': [
      'text/html',
      page('sv', '', widgetUrl).replaceAll('widget.js" async', 'widget.js" data-lang="en" async'),
    ],
    '/queued.html': ['text/html', page('sv', '<script src="/stub.js"></script>', widgetUrl)],
    '/globals.html': ['text/html', page('sv', '<script src="/globals.js"></script>', widgetUrl)],
    '/hostile.css': ['text/css', HOSTILE_CSS],
    '/stub.js': ['text/javascript', "window.SmsDesk = window.SmsDesk || []; SmsDesk.push(['search', '404'])"],
    '/globals.js': ['text/javascript', 'window.__globalsBefore = Object.getOwnPropertyNames(window)'],
  }
  const site = createServer((req, res) => {
    const file = files[req.url ?? '']
    if (!file) {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end()
      return
    }
    res.writeHead(200, { 'Content-Type': `${file[0]}; charset=utf-8`, 'Content-Security-Policy': csp })
    res.end(file[1])
  })
  const siteUrl = await listen(site)

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    browser,
    siteUrl,
    widgetUrl,
    desk: origin.desk,
    close: async () => {
      await browser.close()
      await new Promise((resolve) => site.close(resolve))
      await origin.stop()
    },
  }
}

/** Console errors, uncaught exceptions and CSP violations of a page, collected from the start. */
export function watchErrors(target: Page): string[] {
  const errors: string[] = []
  target.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`console: ${message.text()}`)
  })
  target.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return errors
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown }[]
}

/** Runs axe-core on the widget (shadow DOM included); returns the violations and how many checks passed. */
export async function axeWidget(target: Page): Promise<{ violations: AxeViolation[]; passes: number }> {
  // Evaluated over the DevTools protocol, so the page's CSP does not stop it (it would stop a <script> tag).
  await target.evaluate(axeSource)
  return target.evaluate(async () => {
    type AxeResult = { violations: AxeViolation[]; passes: unknown[] }
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe
    const result = await axe.run({ include: [['smsdesk-widget']] }, { resultTypes: ['violations', 'passes'] })
    return {
      violations: result.violations.map((v: AxeViolation) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      })),
      passes: result.passes.length,
    }
  })
}
