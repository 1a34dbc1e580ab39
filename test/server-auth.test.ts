/** Who may do what: 401 without a valid key, 403 for a role that may not, 404 for another account's objects, 429. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './server-harness.ts'

const SEND = { sender: 'Anna', body: 'Hej', recipients: ['+46701234561'] }

for (const dialect of testDialects()) {
  describe(`auth and roles on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect)
    })
    afterEach(() => h.close())

    it.each([
      ['no header', null, undefined],
      ['an unknown key', 'smsd_0000000000000000000000000000000x', undefined],
      ['junk', 'not-a-key', undefined],
      ['a Basic header', null, { Authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }],
    ])('answers %s with 401 and WWW-Authenticate', async (_, key, headers) => {
      const res = await h.call('GET', '/api/v1/balance', { key, ...(headers ? { headers } : {}) })
      expect(res.status).toBe(401)
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
      expect(res.body.error.code).toBe('Unauthorized')
      expect(res.body.error.message).toMatch(/API key|Authorization/)
    })

    it('keeps every secured route behind a key', async () => {
      const doc = await h.call('GET', '/api/v1/openapi.json', { key: null })
      let secured = 0
      for (const [path, ops] of Object.entries(
        doc.body.paths as Record<string, Record<string, { security?: Record<string, unknown>[] }>>,
      )) {
        for (const [method, op] of Object.entries(ops)) {
          // Public operations say `security: []`; metrics and iP1 webhooks have their own secrets.
          if (!op.security?.some((s) => 'Bearer' in s)) continue
          secured++
          const url = path.replace(/\{(\w+)\}/g, 'x1')
          const verb = method.toUpperCase()
          const res = await h.call(verb, url, {
            key: null,
            ...(verb === 'GET' || verb === 'DELETE' ? {} : { body: {} }),
          })
          expect(res.status, `${method} ${path}`).toBe(401)
        }
      }
      expect(secured).toBeGreaterThan(15)
    })

    it('lets a viewer read but not send, edit contacts or manage keys', async () => {
      const v = h.keys.viewer
      expect((await h.call('GET', '/api/v1/messages', { key: v })).status).toBe(200)
      expect((await h.call('GET', '/api/v1/contacts', { key: v })).status).toBe(200)
      for (const [method, path, body] of [
        ['POST', '/api/v1/messages', SEND],
        ['POST', '/api/v1/contacts', { number: '+46701234567' }],
        ['PUT', '/api/v1/blocklist/+46701234567', undefined],
        ['POST', '/api/v1/users', { name: 'X', role: 'admin' }],
        ['PUT', '/api/v1/senders/Anna', undefined],
        ['GET', '/api/v1/api-keys', undefined],
      ] as const) {
        const res = await h.call(method, path, { key: v, ...(body ? { body } : {}) })
        expect(res.status, `${method} ${path}`).toBe(403)
        expect(res.body.error.code).toBe('Forbidden')
        expect(res.body.error.message).toMatch(/viewer role may not/)
      }
      expect(await h.messageCount()).toBe(0)
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000)
    })

    it('lets a sender send and edit contacts, but not touch money, users or keys', async () => {
      const s = h.keys.sender
      expect((await h.call('POST', '/api/v1/messages', { key: s, body: SEND })).status).toBe(202)
      expect(
        (await h.call('POST', '/api/v1/contacts', { key: s, body: { number: '+46701234567' } })).status,
      ).toBe(201)
      expect(
        (await h.call('POST', '/api/v1/balance/top-ups', { key: s, body: { amount: 100 } })).status,
      ).toBe(403)
      expect(
        (await h.call('POST', '/api/v1/users', { key: s, body: { name: 'X', role: 'admin' } })).status,
      ).toBe(403)
      expect((await h.call('GET', '/api/v1/users', { key: s })).status).toBe(403)
    })

    it('answers 404, not 403, for another account’s message, contact, key and user', async () => {
      const sent = await h.call('POST', '/api/v1/messages', { key: h.keys.sender, body: SEND })
      const messageId = sent.body.messages[0].id
      const contact = await h.call('POST', '/api/v1/contacts', { body: { number: '+46701234567' } })
      const keys = await h.call('GET', '/api/v1/api-keys')
      const keyId = keys.body.items[0].id
      const users = await h.call('GET', '/api/v1/users')

      const o = h.keys.other
      for (const [method, path, body] of [
        ['GET', `/api/v1/messages/${messageId}`, undefined],
        ['POST', `/api/v1/messages/${messageId}/cancel`, undefined],
        ['GET', `/api/v1/contacts/${contact.body.id}`, undefined],
        ['PATCH', `/api/v1/contacts/${contact.body.id}`, { firstName: 'Hacked' }],
        ['DELETE', `/api/v1/contacts/${contact.body.id}`, undefined],
        ['DELETE', `/api/v1/api-keys/${keyId}`, undefined],
        ['POST', '/api/v1/api-keys', { userId: users.body.items[0].id }],
      ] as const) {
        const res = await h.call(method, path, { key: o, ...(body ? { body } : {}) })
        expect(res.status, `${method} ${path}`).toBe(404)
        expect(res.body.error.code).toBe('NotFound')
      }
      // Lists are scoped, so nothing of the first account shows up for the second.
      expect((await h.call('GET', '/api/v1/messages', { key: o })).body.items).toEqual([])
      expect((await h.call('GET', '/api/v1/contacts', { key: o })).body.items).toEqual([])
      // And nothing was changed by the attempts.
      expect((await h.call('GET', `/api/v1/contacts/${contact.body.id}`)).body.firstName).toBeNull()
      expect((await h.call('GET', `/api/v1/messages/${messageId}`)).body.status.code).toBe(103)
      expect((await h.call('GET', '/api/v1/balance', { key: h.keys.viewer })).status).toBe(200)
    })
  })

  describe(`rate limiting on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect, { RATE_LIMIT_PER_MINUTE: '3' })
    })
    afterEach(() => h.close())

    it('answers 429 with Retry-After once a key has used its bucket, per key', async () => {
      for (let i = 0; i < 3; i++) {
        const ok = await h.call('GET', '/api/v1/balance', { key: h.keys.viewer })
        expect(ok.status).toBe(200)
        expect(ok.headers.get('RateLimit-Remaining')).toBe(String(2 - i))
      }
      const limited = await h.call('GET', '/api/v1/balance', { key: h.keys.viewer })
      expect(limited.status).toBe(429)
      expect(limited.body.error.code).toBe('RateLimited')
      const retryAfter = Number(limited.headers.get('Retry-After'))
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      expect(retryAfter).toBeLessThanOrEqual(20)
      // Sends over the limit are refused before anything is stored.
      const send = await h.call('POST', '/api/v1/messages', {
        key: h.keys.viewer,
        body: { sender: 'Anna', body: 'Hej', recipients: ['+46701234561'] },
      })
      expect(send.status).toBe(429)
      // Another key of the same account has its own bucket; public routes have none.
      expect((await h.call('GET', '/api/v1/balance', { key: h.keys.admin })).status).toBe(200)
      for (let i = 0; i < 5; i++)
        expect((await h.call('GET', '/healthz/live', { key: null })).status).toBe(200)
    })
  })
}
