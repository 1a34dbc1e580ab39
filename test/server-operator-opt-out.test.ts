/** The operator's switch for the opt-out add-ons: recorded periods with their dates, support may only read, audited. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type OperatorHarness, startOperatorHarness } from './operator-harness.ts'

for (const dialect of testDialects()) {
  describe(`operator opt-out service on ${dialect}`, () => {
    let h: OperatorHarness
    beforeEach(async () => {
      h = await startOperatorHarness(dialect)
    })
    afterEach(async () => {
      expect(await h.auditRows()).toBe(h.auditedCalls())
      await h.close()
    })

    it('switches the add-ons on and off, records the periods, and lets the account use the mode', async () => {
      const path = `/accounts/${h.accountId}/opt-out-service`
      expect((await h.op('PUT', path, { link: true, reply: false }, h.supportKey)).status).toBe(403)
      const before = await h.call('PUT', '/api/v1/opt-out-settings', { body: { mode: 'link' } })
      expect(before.status).toBe(422)

      const on = await h.op('PUT', path, { link: true, reply: false })
      expect(on.status).toBe(200)
      expect(on.body.current.link).toMatchObject({ yearlyPrice: { amount: 49_500, currency: 'SEK' } })
      expect(on.body.current.reply).toBeNull()
      expect(on.body.prices).toEqual({
        link: { amount: 49_500, currency: 'SEK' },
        reply: { amount: 99_500, currency: 'SEK' },
      })
      expect((await h.call('PUT', '/api/v1/opt-out-settings', { body: { mode: 'link' } })).status).toBe(200)

      const off = await h.op('PUT', path, { link: false, reply: false })
      expect(off.body.current.link).toBeNull()
      expect(off.body.history).toHaveLength(1)
      expect(off.body.history[0].cancelledAt).not.toBeNull()
      expect(off.body.history[0].paidUntil).toBe(off.body.history[0].committedUntil)
      expect((await h.op('GET', path, undefined, h.supportKey)).body.history).toHaveLength(1)
      expect((await h.call('GET', '/api/v1/opt-out-settings')).body.effectiveMode).toBe('off')
      // Nothing was charged to the SMS balance.
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000)
    })
  })
}
