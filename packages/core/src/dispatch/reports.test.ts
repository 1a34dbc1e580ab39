import { afterEach, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import type { OutboundSms, SubmitOutcome } from '../ports.ts'
import { testDialects } from '../store/testing.ts'
import { SQLITE_REPORTS_PER_GROUP } from './reports.ts'

/** A gateway that takes everything and reports nothing by itself: the test sends the reports. */
const quietGateway = {
  name: 'quiet',
  async submit(messages: readonly OutboundSms[]): Promise<SubmitOutcome[]> {
    return messages.map((m) => ({ id: m.id, ok: true, gatewayId: `q-${m.id}` }))
  },
}

describe.each(testDialects())('delivery reports arriving together on %s', (dialect) => {
  let desk: TestDesk | undefined
  afterEach(async () => {
    await desk?.close()
    desk = undefined
  })

  /** A desk on the quiet gateway, an account, and one send to `recipients`, handed over unless `handOver` is false. */
  async function sentTo(name: string, recipients: string[], handOver = true) {
    const opened = await createTestDesk(dialect, { gateway: quietGateway })
    desk = opened
    const account = await opened.accounts.create({ name, balance: 10_000 })
    const sent = await opened.messages.send(account.id, { sender: 'Reports', body: 'Hej', recipients })
    if (handOver) {
      const dispatcher = opened.dispatcher.start({ pollMs: 60_000 })
      await dispatcher.runOnce()
      await dispatcher.stop()
    }
    return { desk: opened, account, ids: sent.messages.map((m) => m.id) }
  }

  it('records each in order, as if one after the other, with its own outcome', async () => {
    const { desk, account, ids } = await sentTo('reports', ['+46701230001', '+46701230002'])
    const [a, b] = ids as [string, string]

    const outcomes = await Promise.all([
      desk.messages.recordDeliveryReport({ messageId: a, code: 114, at: desk.clock.now() }),
      desk.messages.recordDeliveryReport({ messageId: a, code: 112, at: desk.clock.now() }),
      desk.messages.recordDeliveryReport({ messageId: a, code: 114, at: desk.clock.now() }),
      desk.messages.recordDeliveryReport({ gatewayId: `q-${b}`, code: 201, at: desk.clock.now() }),
      desk.messages.recordDeliveryReport({ messageId: 'msg_nobody', code: 201, at: desk.clock.now() }),
      desk.messages.recordDeliveryReport({ messageId: b, code: 113, at: desk.clock.now() }),
    ])
    expect(outcomes).toEqual(['recorded', 'recorded', 'duplicate', 'recorded', 'unknown', 'recorded'])

    const first = await desk.messages.get(account.id, a)
    expect(first.status.code).toBe(112)
    expect(first.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 111, 114, 112])
    const second = await desk.messages.get(account.id, b)
    // Final at 201; the late 113 is kept in the history but does not move it back.
    expect(second.status.code).toBe(201)
    expect(second.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 111, 201, 113])
    expect(second.price.amount).toBeGreaterThan(0)
  })

  it('keeps order and outcomes across more reports than one group records', async () => {
    const { desk, account, ids } = await sentTo('many reports', ['+46701230011'])
    const id = ids[0] as string

    // Its first report, then enough for other ids to fill SQLite's group (SQLITE_REPORTS_PER_GROUP), then three
    // more of its own that go in a later group: the 114 there repeats the one recorded in the first.
    const at = desk.clock.now()
    const reports = [
      { messageId: id, code: 114, at },
      ...Array.from({ length: SQLITE_REPORTS_PER_GROUP - 1 }, (_, i) => ({
        messageId: `msg_nobody${i}`,
        code: 201,
        at,
      })),
      { messageId: id, code: 112, at },
      { messageId: id, code: 114, at },
      { messageId: id, code: 201, at },
    ]
    const outcomes = await Promise.all(reports.map((r) => desk.messages.recordDeliveryReport(r)))
    expect(outcomes[0]).toBe('recorded')
    expect(new Set(outcomes.slice(1, SQLITE_REPORTS_PER_GROUP))).toEqual(new Set(['unknown']))
    expect(outcomes.slice(SQLITE_REPORTS_PER_GROUP)).toEqual(['recorded', 'duplicate', 'recorded'])
    const message = await desk.messages.get(account.id, id)
    expect(message.status.code).toBe(201)
    expect(message.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 111, 114, 112, 201])
  })

  it('implies the hand-over once when a message not yet handed over gets two reports together', async () => {
    const { desk, account, ids } = await sentTo('implied', ['+46701230009'], false)
    const id = ids[0] as string
    const outcomes = await Promise.all([
      desk.messages.recordDeliveryReport({
        messageId: id,
        gatewayId: 'gw-9',
        code: 114,
        at: desk.clock.now(),
      }),
      desk.messages.recordDeliveryReport({ messageId: id, code: 502, at: desk.clock.now() }),
    ])
    expect(outcomes).toEqual(['recorded', 'recorded'])
    const message = await desk.messages.get(account.id, id)
    expect(message.statuses.map((s) => s.code)).toEqual([101, 102, 103, 111, 114, 502])
    expect(message.gatewayId).toBe('gw-9')
    // 502 after hand-over is the network's verdict: not refunded.
    expect(message.price.amount).toBeGreaterThan(0)
    expect((await desk.ledger.balance(account.id)).amount).toBe(10_000 - message.price.amount)
  })
})
