/** Compression: API text gzip'd on the fly, the widget sent precompressed with the right caching, docs offline. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { widgetRoutes } from '../packages/server/src/routes/widget.ts'
import { type Harness, startHarness } from './server-harness.ts'

const distDir = mkdtempSync(join(tmpdir(), 'smsdesk-widget-'))
const loader = `(function(){${'var a=1;'.repeat(500)}})()`
mkdirSync(join(distDir, 'widget'))
for (const [path, body] of [
  ['widget.js', loader],
  ['widget/panel-abc123.js', 'export const mountPanel = 1'],
] as const) {
  writeFileSync(join(distDir, path), body)
  writeFileSync(join(distDir, `${path}.gz`), gzipSync(body))
  writeFileSync(join(distDir, `${path}.br`), brotliCompressSync(body))
}
afterAll(() => rmSync(distDir, { recursive: true, force: true }))
const support = { phone: null, email: null, hours: null }
const widget = widgetRoutes({ support, distDir })

describe('the widget, precompressed', () => {
  it('sends brotli when accepted, else gzip, else the file; one ETag per encoding', async () => {
    const br = await widget.request('/widget.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
    expect(br.headers.get('Content-Encoding')).toBe('br')
    expect(br.headers.get('Vary')).toBe('Accept-Encoding')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(loader)
    const gz = await widget.request('/widget.js', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gz.headers.get('Content-Encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(loader)
    const plain = await widget.request('/widget.js')
    expect(plain.headers.get('Content-Encoding')).toBeNull()
    expect(await plain.text()).toBe(loader)
    const tags = new Set([br, gz, plain].map((r) => r.headers.get('ETag')))
    expect(tags.size).toBe(3)
    expect(plain.headers.get('Cache-Control')).toBe('public, max-age=300')
    const again = await widget.request('/widget.js', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.get('ETag')! },
    })
    expect(again.status).toBe(304)
  })

  it('keeps hashed chunks for a year, immutable, precompressed too', async () => {
    const res = await widget.request('/widget/panel-abc123.js', { headers: { 'Accept-Encoding': 'br' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Encoding')).toBe('br')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
  })
})

describe('the API', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness('sqlite')
  })
  afterEach(() => h.close())

  it('compresses JSON over 1 KiB (brotli or gzip) for clients that accept it, and leaves small answers alone', async () => {
    const br = await h.app.request('/api/v1/status-codes', { headers: { 'Accept-Encoding': 'gzip, br' } })
    expect(br.headers.get('Content-Encoding')).toBe('br')
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString())).toBeTruthy()
    const res = await h.app.request('/api/v1/status-codes', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Encoding')).toBe('gzip')
    expect(JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString())).toBeTruthy()
    const small = await h.app.request('/healthz/live', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(small.headers.get('Content-Encoding')).toBeNull()
  })

  it('serves the docs page and Swagger UI itself, no CDN, under its own CSP', async () => {
    const page = await h.app.request('/api/docs')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).not.toMatch(/https?:\/\//)
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'")
    for (const src of html.match(/(?:src|href)="([^"]+)"/g)!.map((m) => m.split('"')[1]!)) {
      const asset = await h.app.request(src)
      expect(asset.status, src).toBe(200)
    }
    expect((await h.app.request('/api/docs/package.json')).status).toBe(404)
  })
})
