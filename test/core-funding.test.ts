/** Funding under contention: many sends racing for one balance never overdraw it and never charge twice. */
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seNumberEndingIn } from './core-helpers.ts'

const PRICE = 49

for (const dialect of testDialects()) {
  describe(`funding on ${dialect}`, () => {
    let desk: TestDesk
    beforeEach(async () => {
      desk = await createTestDesk(dialect)
    })
    afterEach(async () => {
      await desk.close()
    })

    it('funds exactly 100 of 200 concurrent single-message sends against a balance for 100, ending at zero', async () => {
      const { id } = await desk.accounts.create({ name: 'Race', balance: 100 * PRICE })
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          desk.messages.send(id, {
            sender: 'Race',
            body: 'Hej',
            recipients: [seNumberEndingIn(i, '+4673123')],
          }),
        ),
      )
      const codes = results.map((r) => r.messages[0]?.status.code)
      expect(codes.filter((c) => c === 103)).toHaveLength(100)
      expect(codes.filter((c) => c === 402)).toHaveLength(100)
      expect(await desk.ledger.balance(id)).toEqual({ amount: 0, currency: 'SEK' })

      // The ledger adds up: one top-up, 100 charges, each with the balance after it, none below zero.
      const entries = []
      let cursor: string | undefined
      do {
        const page = await desk.ledger.entries(id, { limit: 500, ...(cursor ? { cursor } : {}) })
        entries.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(entries.filter((e) => e.kind === 'charge')).toHaveLength(100)
      expect(entries.reduce((sum, e) => sum + e.amount.amount, 0)).toBe(0)
      expect(entries.every((e) => e.balanceAfter.amount >= 0)).toBe(true)
      const afters = entries.map((e) => e.balanceAfter.amount).sort((a, b) => a - b)
      expect(afters).toEqual(Array.from({ length: 101 }, (_, i) => i * PRICE))
    })

    it('funds a whole batch or none of it', async () => {
      const { id } = await desk.accounts.create({ name: 'Batch', balance: 3 * PRICE })
      const four = [1, 2, 3, 4].map((n) => seNumberEndingIn(n, '+4676123'))
      const refused = await desk.messages.send(id, { sender: 'Batch', body: 'Hej', recipients: four })
      expect(refused.messages.map((m) => m.status.code)).toEqual([402, 402, 402, 402])
      expect((await desk.ledger.balance(id)).amount).toBe(3 * PRICE)
      const funded = await desk.messages.send(id, {
        sender: 'Batch',
        body: 'Hej',
        recipients: four.slice(0, 3),
      })
      expect(funded.messages.map((m) => m.status.code)).toEqual([103, 103, 103])
      expect((await desk.ledger.balance(id)).amount).toBe(0)
    })

    it('tops up by positive whole amounts only, each a ledger row', async () => {
      const { id } = await desk.accounts.create({ name: 'TopUp' })
      expect(await desk.ledger.topUp(id, 500, 'Webshop')).toEqual({ amount: 500, currency: 'SEK' })
      for (const bad of [0, -5, 1.5, Number.NaN]) {
        await expect(desk.ledger.topUp(id, bad)).rejects.toMatchObject({ code: 'InvalidRequest' })
      }
      await expect(desk.ledger.topUp('acc_missing', 100)).rejects.toMatchObject({ code: 'NotFound' })
      const [entry] = (await desk.ledger.entries(id)).items
      expect(entry).toMatchObject({
        kind: 'top_up',
        amount: { amount: 500 },
        balanceAfter: { amount: 500 },
        note: 'Webshop',
      })
    })
  })
}
