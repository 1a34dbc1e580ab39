/**
 * `widget.js`: the tiny loader. It draws only the launcher in an open shadow root, installs `window.SmsDesk`
 * and loads the panel chunk (resolved next to this script) on first hover, focus or open.
 */
import type { MountPanel, PanelControls, QueuedCall, SmsDeskApi, WidgetLang } from '../contract.ts'
import launcherCss from './launcher.css?inline'
import { adoptCss } from './styles.ts'

const VERSION = '0.1.0'
const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="10"/><path d="M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3"/><path d="M12 17h.01"/></svg>'

type SmsDeskGlobal = Window & { SmsDesk?: SmsDeskApi | QueuedCall[] }

function pickLang(script: HTMLScriptElement | null): WidgetLang {
  const wanted = (script?.dataset.lang || document.documentElement.lang || 'sv').toLowerCase()
  return wanted.startsWith('en') ? 'en' : 'sv'
}

function start(win: SmsDeskGlobal): void {
  const existing = win.SmsDesk
  // A second include (or a page that loads us twice) finds the API installed and does nothing.
  if (existing && !Array.isArray(existing)) return
  const queued: QueuedCall[] = Array.isArray(existing) ? existing.slice() : []

  // currentScript is null when a tag manager injects us oddly; then find our own tag by its file name.
  const script = (document.currentScript ??
    document.querySelector('script[src$="/widget.js"]')) as HTMLScriptElement | null
  const scriptUrl = script?.src || `${location.origin}/widget.js`
  const lang = pickLang(script)
  const position = script?.dataset.position?.includes('left') ? 'left' : 'right'

  const host = document.createElement('smsdesk-widget')
  host.setAttribute('data-position', position)
  const root = host.attachShadow({ mode: 'open' })
  adoptCss(root, launcherCss)

  const launcher = document.createElement('button')
  launcher.type = 'button'
  launcher.className = 'launcher'
  launcher.setAttribute('aria-haspopup', 'dialog')
  launcher.setAttribute('aria-expanded', 'false')
  launcher.innerHTML = `${ICON}<span>${lang === 'en' ? 'Help' : 'Hjälp'}</span>`
  const container = document.createElement('div')
  root.append(container, launcher)

  let panel: Promise<PanelControls> | null = null
  const loadPanel = (): Promise<PanelControls> => {
    panel ??= import(/* @vite-ignore */ new URL(__SMSDESK_PANEL__, scriptUrl).href).then(
      (mod: { mountPanel: MountPanel }) =>
        mod.mountPanel({
          root,
          container,
          launcher,
          lang,
          apiBase: new URL(scriptUrl).origin,
          onClosed: () => launcher.setAttribute('aria-expanded', 'false'),
        }),
    )
    return panel
  }
  const withPanel = (use: (controls: PanelControls) => void) => {
    loadPanel().then(
      (controls) => {
        use(controls)
        launcher.setAttribute('aria-expanded', String(controls.isOpen()))
      },
      // The panel is optional: without it the launcher still works as a link to nothing, so say why once.
      (err: unknown) => console.warn('SmsDesk: the help panel could not be loaded', err),
    )
  }

  const api: SmsDeskApi = {
    version: VERSION,
    open: () => withPanel((p) => p.open()),
    close: () => {
      if (panel) withPanel((p) => p.close())
    },
    search: (text) => withPanel((p) => p.search(String(text))),
    push: (call) => {
      const [method, arg] = call
      if (method === 'open') api.open()
      else if (method === 'close') api.close()
      else if (method === 'search') api.search(arg ?? '')
    },
  }

  launcher.addEventListener('pointerenter', loadPanel, { once: true })
  launcher.addEventListener('focus', loadPanel, { once: true })
  launcher.addEventListener('click', () => withPanel((p) => (p.isOpen() ? p.close() : p.open())))

  win.SmsDesk = api
  const mount = () => {
    document.body.append(host)
    for (const call of queued) api.push(call)
  }
  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', mount, { once: true })
}

start(window as SmsDeskGlobal)
