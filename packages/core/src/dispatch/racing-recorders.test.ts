/**
 * Two desks on one database record reports for the same messages at the same time (on PostgreSQL two pools, so two
 * connections really race): every code lands once in each history, the refund its final code calls for is taken
 * once, and the balance comes back exactly. The recorder reads each message's history from the row it locks, so a
 * recorder that waited for the other must see the other's steps.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createDesk } from '../desk/create-desk.ts'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import type { Desk } from '../desk.ts'
import type { OutboundSms, SubmitOutcome } from '../ports.ts'
import { testDialects } from '../store/testing.ts'

const quietGateway = {
  name: 'quiet',
  async submit(messages: readonly OutboundSms[]): Promise<SubmitOutcome[]> {
    return messages.map((m) => ({ id: m.id, ok: true, gatewayId: `q-${m.id}` }))
  },
}

const MESSAGES = 40
const BALANCE = 10_000

describe.each(testDialects())('recorders racing on %s', (dialect) => {
  let first: TestDesk | undefined
  let second: Desk | undefined
  afterEach(async () => {
    await second?.close()
    await first?.close()
    first = undefined
    second = undefined
  })

  it('records each code once and refunds once when two desks report on the same messages together', async () => {
    first = await createTestDesk(dialect, { gateway: quietGateway })
    second = await createDesk({ database: first.url, gateway: quietGateway })
    const account = await first.accounts.create({ name: 'Race', balance: BALANCE })
    const recipients = Array.from({ length: MESSAGES }, (_, i) => `+467012${String(30_000 + i)}`)
    const sent = await first.messages.send(account.id, { sender: 'Race', body: 'Hej', recipients })
    const dispatcher = first.dispatcher.start({ pollMs: 60_000 })
    await dispatcher.runOnce()
    await dispatcher.stop()
    const ids = sent.messages.map((m) => m.id)
    expect((await first.ledger.balance(account.id)).amount).toBeLessThan(BALANCE)

    const at = first.clock.now()
    // Each desk: an info code of its own, then the same final code, which is refunded after hand-over (511).
    const race = (desk: Desk, info: number) =>
      ids.flatMap((messageId) => [
        desk.messages.recordDeliveryReport({ messageId, code: info, at }),
        desk.messages.recordDeliveryReport({ messageId, code: 511, at }),
      ])
    const outcomes = await Promise.all([...race(first, 114), ...race(second, 112)])
    // 511 is recorded by exactly one of the two for each message; the other sees it as a duplicate.
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(MESSAGES)
    expect(outcomes.filter((o) => o === 'unknown')).toEqual([])

    for (const id of ids) {
      const message = await first.messages.get(account.id, id)
      const codes = message.statuses.map((s) => s.code)
      expect(new Set(codes).size, codes.join(',')).toBe(codes.length)
      expect(codes.filter((c) => c === 104)).toHaveLength(1)
      expect(codes).toEqual(expect.arrayContaining([101, 102, 103, 110, 111, 112, 114, 511]))
      expect(message.status.code).toBe(511)
    }
    // Every charge given back once: the balance is where it started.
    expect((await first.ledger.balance(account.id)).amount).toBe(BALANCE)
  })
})
