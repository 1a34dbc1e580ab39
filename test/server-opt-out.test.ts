/** The opt-out link page: GET only shows, POST blocks (once, idempotently), unknown tokens get a 404 page. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './server-harness.ts'

for (const dialect of testDialects()) {
  describe(`opt-out page on ${dialect}`, () => {
    let h: Harness
    let path: string
    beforeEach(async () => {
      h = await startHarness(dialect)
      const link = await h.call('POST', '/api/v1/opt-out-links', { body: { number: '+46701234567' } })
      path = new URL(link.body.url).pathname
    })
    afterEach(() => h.close())

    const blocklist = async () => (await h.call('GET', '/api/v1/blocklist')).body.items

    it('shows a bilingual confirmation without changing anything, and no scripts', async () => {
      const res = await h.call('GET', path, { key: null })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expect(res.text).toContain('Frisör Anna')
      expect(res.text).not.toContain('+46701234567')
      expect(res.text).toMatch(/Avregistrera/)
      expect(res.text).toMatch(/Unsubscribe/)
      expect(res.text).toMatch(/<form method="post">/)
      expect(res.text).not.toMatch(/<script/i)
      expect(res.text).not.toMatch(/\son\w+=/i)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toMatch(/default-src 'none'/)
      expect(csp).not.toMatch(/script-src/)
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      // Looking twice changes nothing either: link scanners in mail and chat apps open links.
      await h.call('GET', path, { key: null })
      expect(await blocklist()).toEqual([])
    })

    it('blocks the number when the person confirms, and stays blocked on a second confirm', async () => {
      const done = await h.call('POST', path, {
        key: null,
        raw: '',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      })
      expect(done.status).toBe(200)
      expect(done.text).toMatch(/Klart!/)
      expect(done.text).toMatch(/Done!/)
      expect(await blocklist()).toMatchObject([{ number: '+46701234567', reason: 'opt_out_link' }])

      const again = await h.call('POST', path, { key: null })
      expect(again.status).toBe(200)
      expect(again.text).toMatch(/redan avregistrerat/)
      expect(again.text).toMatch(/already unsubscribed/)
      expect(await blocklist()).toHaveLength(1)

      const page = await h.call('GET', path, { key: null })
      expect(page.text).toMatch(/already unsubscribed/)
      expect(page.text).not.toMatch(/<form/)

      const sent = await h.call('POST', '/api/v1/messages', {
        body: { sender: 'Anna', body: 'Erbjudande!', recipients: ['+46701234567'] },
      })
      expect(sent.body.messages[0].status.code).toBe(405)
    })

    it('answers an unknown token with a 404 page, for GET and POST alike', async () => {
      for (const method of ['GET', 'POST']) {
        const res = await h.call(method, '/u/not-a-real-token', { key: null })
        expect(res.status).toBe(404)
        expect(res.headers.get('content-type')).toMatch(/text\/html/)
        expect(res.text).toMatch(/Länken fungerar inte/)
        expect(res.text).toMatch(/does not work/)
      }
      expect(await blocklist()).toEqual([])
    })
  })
}
