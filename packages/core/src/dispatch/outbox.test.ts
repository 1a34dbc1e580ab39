/** Recording hand-overs: only messages still leased to the dispatcher are marked and sent. */
import { afterEach, describe, expect, it } from 'vitest'
import { DeskEvents } from '../context.ts'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import type { OutboundSms, SubmitOutcome } from '../ports.ts'
import { testDialects } from '../store/testing.ts'
import { claimDue } from './claim.ts'
import { recordHandOvers } from './outbox.ts'

const quietGateway = {
  name: 'quiet',
  async submit(messages: readonly OutboundSms[]): Promise<SubmitOutcome[]> {
    return messages.map((m) => ({ id: m.id, ok: true, gatewayId: `q-${m.id}` }))
  },
}

describe.each(testDialects())('recording hand-overs on %s', (dialect) => {
  let desk: TestDesk | undefined
  afterEach(async () => {
    await desk?.close()
    desk = undefined
  })

  it('marks only the messages still leased to us, and records a hand-over only where one is left', async () => {
    desk = await createTestDesk(dialect, { gateway: quietGateway })
    const account = await desk.accounts.create({ name: 'outbox', balance: 10_000 })
    await desk.messages.send(account.id, {
      sender: 'Outbox',
      body: 'Hej',
      recipients: ['+46701230001', '+46701230002', '+46701230003', '+46701230004'],
    })
    const ctx = { db: desk.db, dialect: desk.dialect, clock: desk.clock }
    const { claimed } = await claimDue(
      { ...ctx, events: new DeskEvents() },
      {
        owner: 'us',
        limit: 10,
        leaseMs: 60_000,
      },
    )
    const [a, b, c, d] = [...claimed].sort((x, y) => x.recipient.localeCompare(y.recipient))
    if (!a || !b || !c || !d) throw new Error('expected four claimed messages')
    // Another dispatcher took these two over meanwhile.
    await desk.db
      .updateTable('messages')
      .set({ lease_owner: 'them' })
      .where('id', 'in', [b.id, d.id])
      .execute()

    const handOvers = await recordHandOvers(ctx, { owner: 'us', leaseMs: 60_000 }, [[a], [b, c], [d]])

    expect(handOvers.map((h) => h.messages.map((m) => m.id))).toEqual([[a.id], [c.id]])
    for (const h of handOvers) {
      expect(h.id).toMatch(/^ho_[0-9a-f]{24}$/)
      for (const m of h.messages) expect(m.hand_over_id).toBe(h.id)
    }
    expect(handOvers[0]?.id).not.toBe(handOvers[1]?.id)
    const rows = await desk.db
      .selectFrom('messages')
      .select(['id', 'hand_over_id'])
      .where('id', 'in', [a.id, b.id, c.id, d.id])
      .execute()
    const marked = new Map(rows.map((r) => [r.id, r.hand_over_id]))
    expect(marked.get(a.id)).toBe(handOvers[0]?.id)
    expect(marked.get(c.id)).toBe(handOvers[1]?.id)
    expect(marked.get(b.id)).toBeNull()
    expect(marked.get(d.id)).toBeNull()
    const recorded = await desk.db
      .selectFrom('hand_overs')
      .select(['id', 'owner', 'message_count'])
      .orderBy('id')
      .execute()
    expect(recorded.map((r) => ({ ...r, message_count: Number(r.message_count) }))).toEqual(
      handOvers
        .map((h) => ({ id: h.id, owner: 'us', message_count: 1 }))
        .sort((x, y) => x.id.localeCompare(y.id)),
    )
  })
})
