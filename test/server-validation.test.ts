/** Bad input of every kind gets a 4xx with a clear message — never a 5xx — and leaves nothing stored or charged. */
import { testDialects } from '@smsdesk/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './server-harness.ts'

const GOOD = { sender: 'Anna', body: 'Hej', recipients: ['+46701234561'] }

interface Case {
  name: string
  method?: string
  path?: string
  body?: unknown
  raw?: string
  headers?: Record<string, string>
  status: number
  code: string
  /** Part of the message a person needs to fix the request. */
  says: RegExp
  smsStatus?: [number, string]
}

const CASES: Case[] = [
  {
    name: 'bad JSON',
    raw: '{"sender": "Anna", ',
    status: 400,
    code: 'MalformedRequest',
    says: /not valid JSON/,
  },
  { name: 'empty body', raw: '', status: 400, code: 'MalformedRequest', says: /JSON/ },
  {
    name: 'not JSON at all',
    raw: 'sender=Anna',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'UnsupportedMediaType',
    says: /application\/json/,
  },
  { name: 'a JSON array', body: [GOOD], status: 422, code: 'InvalidRequest', says: /expected object/i },
  { name: 'JSON null', raw: 'null', status: 422, code: 'InvalidRequest', says: /expected object/i },
  {
    name: 'missing everything',
    body: {},
    status: 422,
    code: 'InvalidSender',
    says: /sender/,
    smsStatus: [407, 'InvalidSender'],
  },
  {
    name: 'missing body',
    body: { sender: 'Anna', recipients: ['+46701234561'] },
    status: 422,
    code: 'InvalidContent',
    says: /body/,
    smsStatus: [408, 'InvalidContent'],
  },
  {
    name: 'no recipients or groups',
    body: { sender: 'Anna', body: 'Hej' },
    status: 422,
    code: 'InvalidRequest',
    says: /at least one recipient/,
  },
  {
    name: 'empty recipient list',
    body: { ...GOOD, recipients: [] },
    status: 422,
    code: 'InvalidRequest',
    says: /at least one recipient/,
  },
  {
    name: 'sender as a number',
    body: { ...GOOD, sender: 46701234561 },
    status: 422,
    code: 'InvalidSender',
    says: /sender/,
    smsStatus: [407, 'InvalidSender'],
  },
  {
    name: 'body as an object',
    body: { ...GOOD, body: { text: 'Hej' } },
    status: 422,
    code: 'InvalidContent',
    says: /body/,
    smsStatus: [408, 'InvalidContent'],
  },
  {
    name: 'recipients as a string',
    body: { ...GOOD, recipients: '+46701234561' },
    status: 422,
    code: 'InvalidRequest',
    says: /recipients/,
  },
  {
    name: 'a recipient as a number',
    body: { ...GOOD, recipients: [46701234561] },
    status: 422,
    code: 'InvalidRequest',
    says: /recipients\.0/,
  },
  {
    name: 'validityHours as text',
    body: { ...GOOD, validityHours: '24' },
    status: 422,
    code: 'InvalidRequest',
    says: /validityHours/,
  },
  {
    name: 'validityHours too long',
    body: { ...GOOD, validityHours: 500 },
    status: 422,
    code: 'InvalidRequest',
    says: /validityHours/,
  },
  {
    name: 'validityHours fractional',
    body: { ...GOOD, validityHours: 1.5 },
    status: 422,
    code: 'InvalidRequest',
    says: /validityHours/,
  },
  {
    name: 'sendAt not a time',
    body: { ...GOOD, sendAt: 'tomorrow' },
    status: 422,
    code: 'InvalidRequest',
    says: /sendAt/,
  },
  {
    name: 'sendAt in the past',
    body: { ...GOOD, sendAt: '2001-01-01T00:00:00Z' },
    status: 422,
    code: 'InvalidRequest',
    says: /past/,
  },
  {
    name: 'callback URL not http',
    body: { ...GOOD, statusCallbackUrl: 'ftp://x.example/cb' },
    status: 422,
    code: 'InvalidRequest',
    says: /statusCallbackUrl/,
  },
  {
    name: 'an unknown field',
    body: { ...GOOD, priority: 'high' },
    status: 422,
    code: 'InvalidRequest',
    says: /priority/,
  },
  {
    name: 'a misspelt field',
    body: { sender: 'Anna', body: 'Hej', recipient: ['+46701234561'] },
    status: 422,
    code: 'InvalidRequest',
    says: /recipient/,
  },
  {
    name: 'sender too short',
    body: { ...GOOD, sender: 'AB' },
    status: 422,
    code: 'InvalidSender',
    says: /sender/i,
    smsStatus: [407, 'InvalidSender'],
  },
  {
    name: 'sender with punctuation',
    body: { ...GOOD, sender: 'Hej!' },
    status: 422,
    code: 'InvalidSender',
    says: /sender/i,
    smsStatus: [407, 'InvalidSender'],
  },
  {
    name: 'empty message body',
    body: { ...GOOD, body: '' },
    status: 422,
    code: 'InvalidContent',
    says: /empty/,
    smsStatus: [408, 'InvalidContent'],
  },
  {
    name: 'message body over 2,000 characters',
    body: { ...GOOD, body: 'x'.repeat(2001) },
    status: 422,
    code: 'InvalidContent',
    says: /2,?000/,
    smsStatus: [408, 'InvalidContent'],
  },
  {
    name: 'a huge request',
    raw: JSON.stringify({ ...GOOD, body: 'x'.repeat(100_000) }),
    status: 413,
    code: 'PayloadTooLarge',
    says: /too large|larger/,
  },
  {
    name: 'a bad Idempotency-Key',
    body: GOOD,
    headers: { 'Idempotency-Key': 'k'.repeat(300) },
    status: 422,
    code: 'InvalidRequest',
    says: /idempotency-key/,
  },
  // Other routes
  {
    name: 'contact without number',
    path: '/api/v1/contacts',
    body: { firstName: 'Nils' },
    status: 422,
    code: 'InvalidRequest',
    says: /number/,
  },
  {
    name: 'contact with a bad number',
    path: '/api/v1/contacts',
    body: { number: 'hello' },
    status: 422,
    code: 'InvalidRequest',
    says: /number/i,
  },
  {
    name: 'contact with a bad email',
    path: '/api/v1/contacts',
    body: { number: '+46701234567', email: 'nope' },
    status: 422,
    code: 'InvalidRequest',
    says: /email/,
  },
  {
    name: 'contact groups not a list',
    path: '/api/v1/contacts',
    body: { number: '+46701234567', groups: 'VIP' },
    status: 422,
    code: 'InvalidRequest',
    says: /groups/,
  },
  {
    name: 'user with an unknown role',
    path: '/api/v1/users',
    body: { name: 'Eva', role: 'root' },
    status: 422,
    code: 'InvalidRequest',
    says: /role/,
  },
  {
    name: 'user with a blank name',
    path: '/api/v1/users',
    body: { name: '   ', role: 'viewer' },
    status: 422,
    code: 'InvalidRequest',
    says: /name/,
  },
  {
    name: 'api key without user',
    path: '/api/v1/api-keys',
    body: {},
    status: 422,
    code: 'InvalidRequest',
    says: /userId/,
  },
  {
    name: 'a page size of zero',
    method: 'GET',
    path: '/api/v1/messages?limit=0',
    status: 422,
    code: 'InvalidRequest',
    says: /query\.limit/,
  },
  {
    name: 'a page size of words',
    method: 'GET',
    path: '/api/v1/balance/ledger?limit=many',
    status: 422,
    code: 'InvalidRequest',
    says: /query\.limit/,
  },
  {
    name: 'a made-up cursor',
    method: 'GET',
    path: '/api/v1/messages?cursor=%00%01garbage',
    status: 422,
    code: 'InvalidRequest',
    says: /cursor/i,
  },
  {
    name: 'blocking a non-number',
    method: 'PUT',
    path: '/api/v1/blocklist/hello',
    status: 422,
    code: 'InvalidRequest',
    says: /number/i,
  },
  {
    name: 'simulated inbound to a number not ours',
    path: '/api/v1/simulator/inbound',
    body: { from: '+46701234567', to: '+46700000002', body: 'STOP' },
    status: 404,
    code: 'NotFound',
    says: /not one of this account/,
  },
  {
    name: 'simulated inbound with a missing body',
    path: '/api/v1/simulator/inbound',
    body: { from: '+46701234567', to: '+46700000001' },
    status: 422,
    code: 'InvalidRequest',
    says: /body/,
  },
]

for (const dialect of testDialects()) {
  describe(`bad input on ${dialect}`, () => {
    let h: Harness
    let usersBefore: number
    beforeAll(async () => {
      h = await startHarness(dialect)
      usersBefore = (await h.call('GET', '/api/v1/users')).body.items.length
    })
    afterAll(async () => {
      // Nothing of it was stored or charged.
      expect(await h.messageCount()).toBe(0)
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000)
      expect((await h.call('GET', '/api/v1/contacts')).body.items).toEqual([])
      expect((await h.call('GET', '/api/v1/blocklist')).body.items).toEqual([])
      expect((await h.call('GET', '/api/v1/users')).body.items).toHaveLength(usersBefore)
      expect((await h.call('GET', '/api/v1/balance/ledger')).body.items).toHaveLength(1)
      expect(h.logs.some((l) => JSON.parse(l).level >= 50)).toBe(false)
      await h.close()
    })

    it.each(CASES)('$name → $status $code', async (c) => {
      const res = await h.call(c.method ?? 'POST', c.path ?? '/api/v1/messages', {
        key: h.keys.admin,
        ...(c.raw !== undefined ? { raw: c.raw } : {}),
        ...(c.body !== undefined ? { body: c.body } : {}),
        ...(c.headers ? { headers: c.headers } : {}),
      })
      expect(res.status).toBe(c.status)
      expect(res.headers.get('content-type')).toMatch(/application\/json/)
      expect(res.body.error.code).toBe(c.code)
      expect(res.body.error.message).toMatch(c.says)
      if (c.smsStatus) {
        expect([res.body.error.statusCode, res.body.error.name]).toEqual(c.smsStatus)
      }
    })
  })
}
