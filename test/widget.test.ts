import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { WIDGET_CHUNK_DIR, WIDGET_LOADER_FILE, widgetDistDir } from '@smsdesk/widget'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { axeWidget, startWidgetHarness, type WidgetHarness, watchErrors } from './widget-browser.ts'

let harness: WidgetHarness
let context: BrowserContext
let errors: string[] = []

beforeAll(async () => {
  harness = await startWidgetHarness()
})
afterAll(async () => {
  await harness?.close()
})
afterEach(async () => {
  await context?.close()
  expect(errors).toEqual([])
})

/** Polls until the value matches; generous, since two shared cores may be busy with other suites. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000, interval: 50 })

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  context = await harness.browser.newContext({ viewport })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  errors = watchErrors(page)
  await page.goto(`${harness.siteUrl}${path}`)
  return page
}

/** The text of the widget's first result (status card or article), once results are showing. */
const firstResult = (page: Page) => page.locator('smsdesk-widget .results > li').first()

/** What has keyboard focus, looking through the widget's shadow root. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const outer = document.activeElement
    const inner = outer?.shadowRoot?.activeElement ?? outer
    return inner ? `${inner.tagName.toLowerCase()}.${inner.className}:${inner.textContent?.trim() ?? ''}` : ''
  })
}

async function searchFor(page: Page, text: string): Promise<void> {
  const field = page.getByRole('searchbox')
  await field.fill('')
  await field.pressSequentially(text, { delay: 15 })
}

describe('help widget in Chromium, on a page with hostile CSS and a strict CSP', () => {
  it('draws only the launcher, once, despite two includes and hostile CSS', async () => {
    const page = await open('/')
    const launcher = page.getByRole('button', { name: 'Hjälp', exact: true })
    await eventually(() => launcher.isVisible()).toBe(true)
    expect(await page.locator('smsdesk-widget').count()).toBe(1)
    const box = (await launcher.boundingBox())!
    expect(box.x + box.width).toBeGreaterThan(1280 - 120)
    expect(box.y + box.height).toBeGreaterThan(800 - 100)
    expect(await launcher.evaluate((el) => getComputedStyle(el).fontSize)).toBe('15px')
    expect(await launcher.getAttribute('aria-expanded')).toBe('false')
    // The panel chunk is not fetched until someone shows interest.
    const chunks = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/widget/panel-')),
    )
    expect(chunks).toHaveLength(0)
    expect(await page.getByRole('dialog').count()).toBe(0)
    // Hovering is enough to start loading the panel, so the first click feels instant.
    await launcher.hover()
    await eventually(() =>
      page.evaluate(() =>
        performance.getEntriesByType('resource').some((e) => e.name.includes('/widget/panel-')),
      ),
    ).toBe(true)
    expect(await page.getByRole('dialog').count()).toBe(0)
  })

  it('keeps the loader under 3 KB and the first open under 30 KB (gzip)', () => {
    const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length
    const loader = gzipped(join(widgetDistDir, WIDGET_LOADER_FILE))
    const chunkDir = join(widgetDistDir, WIDGET_CHUNK_DIR)
    // Only the scripts: the server's precompressed .gz/.br twins sit beside them and are not extra downloads.
    const chunks = readdirSync(chunkDir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => gzipped(join(chunkDir, name)))
    expect(loader).toBeLessThan(3 * 1024)
    expect(loader + chunks.reduce((sum, size) => sum + size, 0)).toBeLessThan(30 * 1024)
  })

  it('adds no global but SmsDesk, even after opening', async () => {
    const page = await open('/globals.html')
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    await eventually(() => page.getByRole('dialog', { name: 'Hjälp', exact: true }).isVisible()).toBe(true)
    const added = await page.evaluate(() => {
      const before = new Set((window as unknown as { __globalsBefore: string[] }).__globalsBefore)
      return Object.getOwnPropertyNames(window).filter(
        (name) => !before.has(name) && name !== '__globalsBefore',
      )
    })
    expect(added).toEqual(['SmsDesk'])
    expect(
      await page.evaluate(() => typeof (window as unknown as { SmsDesk: { open: unknown } }).SmsDesk.open),
    ).toBe('function')
  })

  it('opens by click and finds Swedish answers as you type; Escape returns focus to the launcher', async () => {
    const page = await open('/')
    const launcher = page.getByRole('button', { name: 'Hjälp', exact: true })
    await launcher.click()
    const dialog = page.getByRole('dialog', { name: 'Hjälp', exact: true })
    await eventually(() => dialog.isVisible()).toBe(true)
    expect(await launcher.getAttribute('aria-expanded')).toBe('true')
    const field = page.getByRole('searchbox', { name: 'Sök' })
    expect(await field.getAttribute('type')).toBe('search')
    await eventually(() => focused(page)).toMatch(/^input/)

    await searchFor(page, 'glömt lösenord')
    await eventually(() => firstResult(page).textContent()).toContain('Jag har glömt mitt lösenord')
    await eventually(() => page.getByRole('status').textContent()).toMatch(/\d+ träff/)
    await searchFor(page, 'fyll på saldo')
    await eventually(() => firstResult(page).textContent()).toContain('Fyll på ditt SMS-saldo')
    await searchFor(page, 'avregistrering')
    await eventually(() => firstResult(page).textContent()).toContain('Avregistrering (opt-out)')

    await page.keyboard.press('Escape')
    await eventually(() => dialog.count()).toBe(0)
    expect(await focused(page)).toMatch(/^button\.launcher/)
    expect(await launcher.getAttribute('aria-expanded')).toBe('false')
  })

  it('opens by keyboard and answers in English with data-lang="en"', async () => {
    const page = await open('/en.html')
    const launcher = page.getByRole('button', { name: 'Help', exact: true })
    await eventually(() => launcher.isVisible()).toBe(true)
    await page.keyboard.press('Tab')
    await eventually(() => focused(page)).toMatch(/^button\.launcher:Help/)
    await page.keyboard.press('Enter')
    await eventually(() => page.getByRole('dialog', { name: 'Help', exact: true }).isVisible()).toBe(true)
    await eventually(() => focused(page)).toMatch(/^input/)
    await page.keyboard.type('forgot password', { delay: 15 })
    await eventually(() => firstResult(page).textContent()).toContain('I forgot my password')
    await searchFor(page, 'unsubscrbe')
    await eventually(() => firstResult(page).textContent()).toContain('Opt-out (unsubscribe)')
    await eventually(() => page.getByRole('status').textContent()).toMatch(/\d+ results?/)
    // The support card comes from /api/v1/widget/config on the widget's origin.
    const contact = page.getByRole('region', { name: 'Contact support' })
    await eventually(() => contact.textContent()).toContain('+46 8 123 45 67')
    expect(await contact.textContent()).toContain('support@ip1.se')
  })

  it('answers a status code and an old Web SMS status with a status card', async () => {
    const page = await open('/')
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    await searchFor(page, '404')
    const card = page.getByRole('article', { name: /404/ })
    await eventually(() => card.textContent()).toContain('ContentRejected')
    expect(await card.textContent()).toContain('Rejection')
    expect(await card.textContent()).toMatch(/Gör så här/)
    await searchFor(page, 'levererad')
    const legacy = page.getByRole('article', { name: /201/ })
    await eventually(() => legacy.textContent()).toContain('DeliveredToHandset')
    expect(await legacy.textContent()).toContain('Levererad')
  })

  it('opens an article by keyboard and goes back to the same result', async () => {
    const page = await open('/')
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    await searchFor(page, 'fyll på saldo')
    const result = page.getByRole('button', { name: 'Fyll på ditt SMS-saldo' })
    await eventually(() => result.isVisible()).toBe(true)
    await result.focus()
    await page.keyboard.press('Enter')
    const heading = page.getByRole('heading', { name: 'Fyll på ditt SMS-saldo' })
    await eventually(() => focused(page)).toMatch(/^h3/)
    expect(await heading.isVisible()).toBe(true)
    const link = page.getByRole('link', { name: 'https://shop.ip1.net/' })
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer')
    await page.getByRole('button', { name: 'Tillbaka' }).click()
    await eventually(() => focused(page)).toMatch(/^button\.result-title:Fyll på ditt SMS-saldo/)
    await page.keyboard.press('Escape')
    await eventually(() => focused(page)).toMatch(/^button\.launcher/)
  })

  it('asks "Hjälpte det här?" under an article: one click sends the vote and a thank-you is announced', async () => {
    const page = await open('/')
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    await searchFor(page, 'spärrlistan')
    const result = page.getByRole('button', { name: /^Blockeringslistan/ })
    await eventually(() => result.isVisible()).toBe(true)
    await result.click()
    const group = page.getByRole('group', { name: 'Hjälpte det här?' })
    await eventually(() => group.isVisible()).toBe(true)
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/widget/faq/feedback'))
    await group.getByRole('button', { name: 'Nej' }).click()
    const response = await sent
    expect(response.status()).toBe(204)
    expect(response.request().postDataJSON()).toEqual({ article: 'blocklist.sv', lang: 'sv', helpful: false })
    const thanks = page.getByRole('status').filter({ hasText: 'Tack för ditt svar!' })
    await eventually(() => thanks.isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Nej' }).count()).toBe(0)
  })

  it('reports a search left standing without a good answer, once', async () => {
    const page = await open('/')
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/widget/faq/miss'))
    await searchFor(page, 'kan ni skicka en faktura')
    const response = await sent
    expect(response.status()).toBe(204)
    expect(response.request().postDataJSON()).toEqual({ query: 'kan ni skicka en faktura', lang: 'sv' })
  })

  it('replays calls queued on the stub before the script loaded', async () => {
    const page = await open('/queued.html')
    await eventually(() => page.getByRole('dialog', { name: 'Hjälp', exact: true }).isVisible()).toBe(true)
    await eventually(() => firstResult(page).textContent()).toContain('ContentRejected')
    await page.evaluate(() => (window as unknown as { SmsDesk: { close(): void } }).SmsDesk.close())
    await eventually(() => page.getByRole('dialog').count()).toBe(0)
  })

  it('fits a 360 px phone screen and follows the dark colour scheme', async () => {
    const page = await open('/', { width: 360, height: 740 })
    const launcher = page.getByRole('button', { name: 'Hjälp', exact: true })
    const lightBackground = await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)
    await launcher.click()
    const dialog = page.getByRole('dialog', { name: 'Hjälp', exact: true })
    await eventually(() => dialog.isVisible()).toBe(true)
    await searchFor(page, 'lösenord')
    await eventually(() => firstResult(page).isVisible()).toBe(true)
    const box = (await dialog.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(360)
    expect(box.y).toBeGreaterThanOrEqual(0)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(overflow).toBeLessThanOrEqual(360)
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
    expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(lightBackground)
    expect(await dialog.evaluate((el) => getComputedStyle(el).animationName)).toBe('none')
  })

  it('has no serious or critical axe-core violations in search, status and article views', async () => {
    const page = await open('/')
    const closed = await axeWidget(page)
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    await searchFor(page, '404')
    await eventually(() => firstResult(page).textContent()).toContain('ContentRejected')
    const search = await axeWidget(page)
    await searchFor(page, 'glömt lösenord')
    await page.getByRole('button', { name: 'Jag har glömt mitt lösenord' }).click()
    await eventually(() => focused(page)).toMatch(/^h3/)
    const article = await axeWidget(page)
    for (const run of [closed, search, article]) {
      expect(run.passes).toBeGreaterThan(5)
      expect(run.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
    }
  })

  it('looks right on the demo page (screenshot for the README)', async () => {
    context = await harness.browser.newContext({ viewport: { width: 1100, height: 760 } })
    const page = await context.newPage()
    errors = []
    await page.goto(`${harness.widgetUrl}/?lang=sv`)
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    await searchFor(page, '404')
    await eventually(() => firstResult(page).textContent()).toContain('ContentRejected')
    mkdirSync('test-results', { recursive: true })
    const path = process.env.UPDATE_SCREENSHOT ? 'docs/widget.png' : 'test-results/widget.png'
    const png = await page.screenshot({ path })
    expect(png.length).toBeGreaterThan(10_000)
  })
})
