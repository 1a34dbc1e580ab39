/** iP1 webhooks: the shared secret, delivery reports twice and out of order, inbound SMS, and junk bodies. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness, WEBHOOK_SECRET } from './server-harness.ts'

const REPORTS = '/webhooks/ip1/delivery-reports'
const INBOUND = '/webhooks/ip1/inbound'

for (const dialect of testDialects()) {
  describe(`iP1 webhooks on ${dialect}`, () => {
    let h: Harness
    let messageId: string
    beforeEach(async () => {
      h = await startHarness(dialect)
      const sent = await h.call('POST', '/api/v1/messages', {
        body: { sender: 'Anna', body: 'Hej', recipients: ['+46701234567'] },
      })
      messageId = sent.body.messages[0].id
    })
    afterEach(() => h.close())

    /** A report as iP1 posts it: our message id travels as its `reference`. */
    const report = (code: number, minute: number) => ({
      id: `ip1-msg-${messageId}`,
      batchId: `ip1-batch-${messageId}`,
      recipient: '46701234567',
      code,
      created: `2026-11-25T10:${String(minute).padStart(2, '0')}:00Z`,
      reference: messageId,
    })
    const post = (path: string, body: unknown, secret: string | null = WEBHOOK_SECRET) =>
      h.call('POST', secret ? `${path}/${secret}` : path, { key: null, body })
    const history = async () =>
      (await h.call('GET', `/api/v1/messages/${messageId}`)).body as {
        status: { code: number }
        final: boolean
        statuses: { code: number }[]
      }

    it('keeps the history right when reports come twice and out of order', async () => {
      const first = await post(REPORTS, [report(113, 2), report(201, 3)])
      expect(first.status).toBe(200)
      expect(first.body).toEqual({ received: 2, recorded: 2, duplicate: 0, unknown: 0 })

      // iP1 retries: the same final report again, and a late report for an earlier step.
      const again = await post(REPORTS, report(201, 3))
      expect(again.body).toMatchObject({ received: 1, recorded: 0, duplicate: 1 })
      await post(REPORTS, report(112, 1))
      await post(REPORTS, [report(201, 3), report(113, 2)])

      const m = await history()
      expect(m.status.code).toBe(201)
      expect(m.final).toBe(true)
      const codes = m.statuses.map((s) => s.code)
      expect(codes.filter((c) => c === 201)).toHaveLength(1)
      expect(codes.filter((c) => c === 113)).toHaveLength(1)
      expect(new Set(codes).size).toBe(codes.length)
      expect(codes.slice(0, 3)).toEqual([101, 102, 103])
      // Nothing was refunded or charged twice along the way.
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000 - 49)
    })

    it('shows a late report on a final message at once, though the final message was looked up before', async () => {
      await post(REPORTS, report(201, 3))
      const before = await history()
      expect(before.final).toBe(true)
      expect(before.statuses.map((s) => s.code)).not.toContain(112)
      // Looked up again (served from the cache of final messages), still the same and still only for its account.
      expect((await history()).statuses).toEqual(before.statuses)
      expect((await h.call('GET', `/api/v1/messages/${messageId}`, { key: h.keys.other })).status).toBe(404)

      await post(REPORTS, report(112, 1))
      const after = await history()
      expect(after.status.code).toBe(201)
      expect(after.statuses.map((s) => s.code)).toContain(112)
    })

    it('takes the secret in the path or the X-Webhook-Secret header, and nothing else', async () => {
      const viaHeader = await h.call('POST', REPORTS, {
        key: null,
        body: report(113, 2),
        headers: { 'X-Webhook-Secret': WEBHOOK_SECRET },
      })
      expect(viaHeader.status).toBe(200)
      for (const res of [
        await post(REPORTS, report(201, 3), null),
        await post(REPORTS, report(201, 3), 'wrong-secret-0123456789'),
        await post(REPORTS, report(201, 3), WEBHOOK_SECRET.slice(0, -1)),
        await h.call('POST', REPORTS, {
          key: null,
          body: report(201, 3),
          headers: { 'X-Webhook-Secret': 'nope' },
        }),
        await post(
          INBOUND,
          { id: 'in-1', sender: '46701234567', recipient: '46700000001', body: 'STOP' },
          'nope',
        ),
      ]) {
        expect(res.status).toBe(401)
        expect(res.body.error.code).toBe('Unauthorized')
      }
      expect((await history()).status.code).toBe(113)
      // The secret never reaches the logs, not even as part of a path.
      expect(h.logs.join('\n')).not.toContain(WEBHOOK_SECRET)
      expect(h.logs.join('\n')).toContain('/webhooks/ip1/delivery-reports/***')
    })

    it('counts reports for messages it does not know, and refuses junk with a clear 4xx', async () => {
      const unknown = await post(REPORTS, { ...report(201, 3), reference: 'msg_nope', id: 'x', batchId: 'y' })
      expect(unknown.body).toMatchObject({ received: 1, recorded: 0, unknown: 1 })
      const junk = await post(REPORTS, { hello: 'world' })
      expect(junk.status).toBe(422)
      expect(junk.body.error.code).toBe('InvalidRequest')
      expect(junk.body.error.message).toMatch(/code/)
      const badJson = await h.call('POST', `${REPORTS}/${WEBHOOK_SECRET}`, { key: null, raw: '{"code": 201' })
      expect(badJson.status).toBe(400)
      expect((await history()).status.code).toBe(103)
    })

    it('handles inbound SMS once: STOP from a phone blocklists it, a retry is a duplicate', async () => {
      const sms = { id: 'ip1-in-1', sender: '46701234567', recipient: '46700000001', body: 'STOP' }
      const first = await post(INBOUND, sms)
      expect(first.status).toBe(200)
      expect(first.body.results[0].action).toBe('blocked')
      expect((await post(INBOUND, sms)).body.results[0].action).toBe('duplicate')
      expect((await h.call('GET', '/api/v1/blocklist')).body.items).toMatchObject([
        { number: '+46701234567', reason: 'stop' },
      ])
    })
  })

  describe(`iP1 webhooks switched off on ${dialect}`, () => {
    it('answers 404 when no WEBHOOK_SECRET is configured', async () => {
      const h = await startHarness(dialect, { WEBHOOK_SECRET: '' })
      try {
        const res = await h.call('POST', REPORTS, { key: null, body: { code: 201, reference: 'x' } })
        expect(res.status).toBe(404)
        expect(res.body.error.message).toMatch(/WEBHOOK_SECRET/)
      } finally {
        await h.close()
      }
    })
  })
}
