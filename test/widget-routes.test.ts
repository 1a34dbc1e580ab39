import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { faqRoutes } from '../packages/server/src/routes/faq.ts'
import { widgetRoutes } from '../packages/server/src/routes/widget.ts'

const distDir = mkdtempSync(join(tmpdir(), 'smsdesk-widget-'))
mkdirSync(join(distDir, 'widget'))
writeFileSync(join(distDir, 'widget.js'), '(function(){})()')
writeFileSync(join(distDir, 'widget', 'panel-abc123.js'), 'export const mountPanel = 1')
afterAll(() => rmSync(distDir, { recursive: true, force: true }))

const support = { phone: '+46 8 123 456', email: 'support@example.com', hours: 'Mån–fre 08–17' }
const app = new Hono()
app.route('/api/v1/faq', faqRoutes())
app.route('/', widgetRoutes({ support, distDir }))

/** The fields these tests read from any of the JSON bodies. */
interface Body {
  error: { code: string; message: string }
  lang: string
  results: unknown[]
  articles: { lang: string }[]
  html: string
  id: string
  translations: unknown
}

async function json(path: string, init?: RequestInit) {
  const response = await app.request(path, init)
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body }
}

describe('GET /api/v1/faq/search', () => {
  it('finds the article in the language asked for', async () => {
    const { status, body } = await json('/api/v1/faq/search?q=gl%C3%B6mt%20l%C3%B6senord&lang=sv')
    expect(status).toBe(200)
    expect(body.results[0]).toMatchObject({ kind: 'article', id: 'forgot-password.sv', lang: 'sv' })
  })

  it('answers a status code with the status first, defaulting to Swedish', async () => {
    const { body } = await json('/api/v1/faq/search?q=404')
    expect(body.lang).toBe('sv')
    expect(body.results[0]).toMatchObject({
      kind: 'status',
      code: 404,
      name: 'ContentRejected',
      group: 'Rejection',
    })
  })

  it.each([
    ['/api/v1/faq/search', 'query.q'],
    ['/api/v1/faq/search?q=%20%20', 'query.q'],
    [`/api/v1/faq/search?q=${'x'.repeat(201)}`, 'query.q'],
    ['/api/v1/faq/search?q=x&lang=de', 'query.lang'],
    ['/api/v1/faq/search?q=x&limit=0', 'query.limit'],
    ['/api/v1/faq/search?q=x&limit=abc', 'query.limit'],
  ])('%s is a 422 naming %s', async (path, field) => {
    const { status, body } = await json(path)
    expect(status).toBe(422)
    expect(body.error.code).toBe('InvalidRequest')
    expect(body.error.message).toContain(field)
  })

  it('lets any origin call it (CORS), including the preflight', async () => {
    const { headers } = await json('/api/v1/faq/search?q=sms', {
      headers: { Origin: 'https://customer.example' },
    })
    expect(headers.get('access-control-allow-origin')).toBe('*')
    const preflight = await app.request('/api/v1/faq/search', {
      method: 'OPTIONS',
      headers: { Origin: 'https://customer.example', 'Access-Control-Request-Method': 'GET' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET')
  })
})

describe('GET /api/v1/faq/articles', () => {
  it('returns an article with safe HTML and its translation', async () => {
    const { status, body } = await json('/api/v1/faq/articles/opt-out.en')
    expect(status).toBe(200)
    expect(body).toMatchObject({ id: 'opt-out.en', lang: 'en', topic: 'opt-out' })
    expect(body.html).toContain('995')
    expect(body.translations).toEqual([{ lang: 'sv', id: 'opt-out.sv' }])
  })

  it('resolves a bare topic in the asked language', async () => {
    const { body } = await json('/api/v1/faq/articles/opt-out?lang=en')
    expect(body.id).toBe('opt-out.en')
  })

  it.each(['no-such-thing', '..%2F..%2Fetc%2Fpasswd', 'OPT-OUT.EN'])(
    '404s %s with a NotFound body',
    async (id) => {
      const { status, body } = await json(`/api/v1/faq/articles/${id}`)
      expect(status).toBe(404)
      expect(body.error.code).toBe('NotFound')
    },
  )

  it('lists the articles of a language', async () => {
    const { body } = await json('/api/v1/faq/articles?lang=en')
    expect(body.articles.length).toBeGreaterThanOrEqual(15)
    expect(body.articles.every((a) => a.lang === 'en')).toBe(true)
  })
})

describe('widget files', () => {
  it('serves the loader with a short cache, an ETag and 304 on revalidation', async () => {
    const response = await app.request('/widget.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/javascript')
    expect(response.headers.get('cache-control')).toBe('public, max-age=300')
    const etag = response.headers.get('etag')!
    expect(await response.text()).toBe('(function(){})()')
    const again = await app.request('/widget.js', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
  })

  it('serves hashed chunks as immutable and cross-origin loadable', async () => {
    const response = await app.request('/widget/panel-abc123.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
  })

  it.each(['panel-missing.js', '..%2Fwidget.js', 'panel.css'])('404s the chunk %s', async (file) => {
    const response = await app.request(`/widget/${file}`)
    expect(response.status).toBe(404)
  })

  it('says the widget is not built instead of failing when dist is empty', async () => {
    const empty = new Hono().route('/', widgetRoutes({ support, distDir: join(distDir, 'nowhere') }))
    const response = await empty.request('/widget.js')
    expect(response.status).toBe(503)
    expect(((await response.json()) as Body).error.message).toContain('npm run build')
  })
})

describe('GET /api/v1/widget/config and the demo page', () => {
  it('returns the support contact, callable from any origin', async () => {
    const { status, headers, body } = await json('/api/v1/widget/config', {
      headers: { Origin: 'https://x.example' },
    })
    expect(status).toBe(200)
    expect(body).toEqual({ support, chat: false })
    expect(headers.get('access-control-allow-origin')).toBe('*')
  })

  it('shows the demo page with the embed snippet under a strict CSP', async () => {
    const response = await app.request('http://widget.example/?lang=en')
    const html = await response.text()
    expect(html).toContain('&lt;script src="http://widget.example/widget.js" async&gt;')
    expect(html).toContain('<script src="/widget.js" data-lang="en" async></script>')
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('unsafe-inline')
  })

  it('answers the browser favicon request with an empty 204, not a 404', async () => {
    const response = await app.request('http://widget.example/favicon.ico')
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
  })
})
