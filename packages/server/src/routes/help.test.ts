/** `/help/:lang/:id`: the article page, its language, its CSP, and what is never rendered. */
import { getFaqArticle } from '@smsdesk/core/faq'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { helpRoutes } from './help.ts'

const app = new Hono()
app.route('/', helpRoutes())

describe('GET /help/:lang/:id', () => {
  it('serves the article from its Markdown, in its language, with the other language linked', async () => {
    const res = await app.request('/help/sv/forgot-password')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('<html lang="sv">')
    expect(html).toContain('<h1>Jag har glömt mitt lösenord</h1>')
    expect(html).toContain(getFaqArticle('forgot-password.sv')?.html ?? 'missing')
    expect(html).toContain('href="/help/en/forgot-password" hreflang="en"')
    expect(html).not.toMatch(/<script/i)
    const english = await app.request('/help/en/forgot-password')
    expect(await english.text()).toContain('<html lang="en">')
  })

  it('runs nothing: a CSP without scripts, and only its own pinned stylesheet', async () => {
    const res = await app.request('/help/en/forgot-password')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).not.toContain('script-src')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers 404 with a page for an unknown article, language or a malformed id', async () => {
    for (const path of ['/help/sv/no-such-article', '/help/de/forgot-password', '/help/sv/%3Cscript%3E']) {
      const res = await app.request(path)
      expect(res.status).toBe(404)
      const html = await res.text()
      expect(html).toMatch(/<html lang="(sv|en)">/)
      expect(html).not.toContain('<script')
    }
  })
})
