/** The status lifecycle end to end with the simulator: every outcome, refunds per the table, cancel, expiry, reports. */
import { type Dispatcher, REFUND_RULES, type StatusChangeEvent } from '@smsdesk/core'
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seNumberEndingIn, waitForStatuses } from './core-helpers.ts'

const CARRIER_OUTCOMES = [202, 406, 410, 500, 501, 502, 503, 511, 512, 513, 514, 515, 516, 599]
const PRICE = 49
const HOUR = 3_600_000

for (const dialect of testDialects()) {
  describe(`message lifecycle on ${dialect}`, () => {
    let desk: TestDesk
    let accountId: string
    let dispatcher: Dispatcher | null = null
    beforeEach(async () => {
      desk = await createTestDesk(dialect)
      accountId = (await desk.accounts.create({ name: 'Lifecycle', balance: 100_000 })).id
    })
    afterEach(async () => {
      await dispatcher?.stop()
      dispatcher = null
      await desk.close()
    })

    it('reaches every simulator outcome with its whole history, refunding only what the table says', async () => {
      const recipients = [seNumberEndingIn(123), ...CARRIER_OUTCOMES.map((c) => seNumberEndingIn(c))]
      const sent = await desk.messages.send(accountId, { sender: 'Sim', body: 'Hej', recipients })
      expect(sent.total.messages).toBe(recipients.length)
      const afterCharge = 100_000 - recipients.length * PRICE
      expect((await desk.ledger.balance(accountId)).amount).toBe(afterCharge)

      dispatcher = desk.dispatcher.start({ pollMs: 10 })
      const ids = sent.messages.map((m) => m.id)
      const settled = await waitForStatuses(desk, accountId, ids, (m) => m.final || m.status.code === 503)
      const byRecipient = new Map(settled.map((m) => [m.recipient, m]))

      const delivered = byRecipient.get(seNumberEndingIn(123))
      expect(delivered?.status.code).toBe(201)
      expectHistory(
        delivered?.statuses.map((s) => s.code),
        201,
      )
      expect(delivered?.gatewayId).toBeTruthy()

      for (const code of CARRIER_OUTCOMES) {
        const m = byRecipient.get(seNumberEndingIn(code))
        const codes = m?.statuses.map((s) => s.code)
        if (code === 503) {
          // Not final: the network keeps trying until the validity ends.
          expect(m?.status.code).toBe(503)
          expect(m?.final).toBe(false)
          continue
        }
        expect(m?.status.code, `recipient ending ${code}`).toBe(code)
        expectHistory(codes, code)
        const refunded = REFUND_RULES.find((r) => r.code === code)?.refund === 'always'
        expect(codes?.includes(104), `refund for ${code}`).toBe(refunded)
      }

      // 511 and 516 mean no network carried it: refunded. Carrier-side outcomes after hand-over are not.
      expect((await desk.ledger.balance(accountId)).amount).toBe(afterCharge + 2 * PRICE)
      const refunds = (await desk.ledger.entries(accountId)).items.filter((e) => e.kind === 'refund')
      expect(refunds.map((e) => e.amount.amount)).toEqual([PRICE, PRICE])

      // 503 SubscriberOffline then expires when the validity ends — after hand-over, so no refund.
      desk.clock.advance(73 * HOUR)
      expect(await desk.messages.expireOverdue()).toBe(1)
      const offline = await desk.messages.get(accountId, byRecipient.get(seNumberEndingIn(503))?.id ?? '')
      expect(offline.status.code).toBe(202)
      expect(offline.statuses.map((s) => s.code).slice(-2)).toEqual([503, 202])
      expect((await desk.ledger.balance(accountId)).amount).toBe(afterCharge + 2 * PRICE)
      const summary = await desk.messages.batchSummary(accountId, sent.batchId)
      expect(summary.final).toBe(true)
      expect(summary.total).toBe(recipients.length)
      expect(summary.price.amount).toBe((recipients.length - 2) * PRICE)
    })

    it('cancels a scheduled message with a refund, and refuses once it is on its way', async () => {
      const sendAt = new Date(desk.clock.now().getTime() + HOUR)
      const sent = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'Later',
        recipients: [seNumberEndingIn(1)],
        sendAt,
      })
      const id = sent.messages[0]?.id ?? ''
      const canceled = await desk.messages.cancel(accountId, id)
      expect(canceled.status.code).toBe(203)
      expect(canceled.statuses.map((s) => s.code)).toEqual([101, 102, 103, 104, 203])
      expect((await desk.ledger.balance(accountId)).amount).toBe(100_000)
      const [refund] = (await desk.ledger.entries(accountId)).items
      expect(refund).toMatchObject({ kind: 'refund', messageId: id, amount: { amount: PRICE } })
      expect(refund?.balanceAfter.amount).toBe(100_000)
      await expect(desk.messages.cancel(accountId, id)).rejects.toMatchObject({ code: 'NotCancelable' })

      const now = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'Now',
        recipients: [seNumberEndingIn(2)],
      })
      dispatcher = desk.dispatcher.start({ pollMs: 10 })
      const [done] = await waitForStatuses(desk, accountId, [now.messages[0]?.id ?? ''])
      await expect(desk.messages.cancel(accountId, done?.id ?? '')).rejects.toMatchObject({
        code: 'NotCancelable',
      })
      await expect(desk.messages.cancel(accountId, 'msg_nope')).rejects.toMatchObject({ code: 'NotFound' })
      const other = await desk.accounts.create({ name: 'Other' })
      await expect(desk.messages.cancel(other.id, done?.id ?? '')).rejects.toMatchObject({ code: 'NotFound' })
    })

    it('waits for sendAt, and expires a message that never left us (refunded)', async () => {
      dispatcher = desk.dispatcher.start({ pollMs: 3_600_000 })
      const start = desk.clock.now().getTime()
      const later = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'Scheduled',
        recipients: [seNumberEndingIn(10)],
        sendAt: new Date(start + 30 * 60_000),
      })
      const stale = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'Stale',
        recipients: [seNumberEndingIn(11)],
        sendAt: new Date(start + 10 * 60_000),
        validityHours: 1,
      })
      expect(await dispatcher.runOnce()).toBe(0)

      // Past the stale one's validity (sendAt + 1 h) but before nothing else: it expires unsent, refunded.
      desk.clock.set(new Date(start + 2 * HOUR))
      expect(await desk.messages.expireOverdue()).toBe(1)
      const expired = await desk.messages.get(accountId, stale.messages[0]?.id ?? '')
      expect(expired.statuses.map((s) => s.code)).toEqual([101, 102, 103, 104, 202])
      expect((await desk.ledger.balance(accountId)).amount).toBe(100_000 - PRICE)

      expect(await dispatcher.runOnce()).toBe(1)
      const [sentLater] = await waitForStatuses(desk, accountId, [later.messages[0]?.id ?? ''])
      expect(sentLater?.status.code).toBe(201)
    })

    it('expires an overdue message the dispatcher claims, refunded because it was never handed over', async () => {
      const sent = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'x',
        recipients: [seNumberEndingIn(12)],
        validityHours: 1,
      })
      desk.clock.advance(2 * HOUR)
      dispatcher = desk.dispatcher.start({ pollMs: 3_600_000 })
      await dispatcher.runOnce()
      const m = await desk.messages.get(accountId, sent.messages[0]?.id ?? '')
      expect(m.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 104, 202])
      expect((await desk.ledger.balance(accountId)).amount).toBe(100_000)
    })

    it('ignores duplicate and late reports, never moving back from a final code; finds messages by gateway id', async () => {
      // Ends 501 right after 112: 113 never came, so it can still arrive late.
      const sent = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'x',
        recipients: [seNumberEndingIn(501)],
      })
      const id = sent.messages[0]?.id ?? ''
      dispatcher = desk.dispatcher.start({ pollMs: 10 })
      const [final] = await waitForStatuses(desk, accountId, [id])
      expect(final?.status.code).toBe(501)
      const historyLength = final?.statuses.length
      const at = desk.clock.now()
      expect(await desk.messages.recordDeliveryReport({ messageId: id, code: 501, at })).toBe('duplicate')
      // An info code after the final one goes into the history but does not move the status back.
      const late = await desk.messages.recordDeliveryReport({
        gatewayId: final?.gatewayId ?? '',
        code: 113,
        at,
      })
      expect(late).toBe('recorded')
      const after = await desk.messages.get(accountId, id)
      expect(after.status.code).toBe(501)
      expect(after.statuses).toHaveLength((historyLength ?? 0) + 1)
      expect(after.statuses.at(-1)?.code).toBe(113)
      expect(await desk.messages.recordDeliveryReport({ messageId: 'msg_unknown', code: 201, at })).toBe(
        'unknown',
      )
      expect(await desk.messages.recordDeliveryReport({ gatewayId: 'no-such', code: 201, at })).toBe(
        'unknown',
      )
    })

    it('keeps the current status moving forward when reports arrive out of order', async () => {
      const sent = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'x',
        recipients: [seNumberEndingIn(21)],
      })
      const id = sent.messages[0]?.id ?? ''
      // Hand-over recorded by hand: claim it with a dispatcher whose gateway never answers with reports.
      const at = desk.clock.now()
      expect(await desk.messages.recordDeliveryReport({ messageId: id, code: 113, at })).toBe('recorded')
      expect(await desk.messages.recordDeliveryReport({ messageId: id, code: 112, at })).toBe('recorded')
      const m = await desk.messages.get(accountId, id)
      expect(m.status.code).toBe(113)
      expect(m.statuses.map((s) => s.code)).toEqual([101, 102, 103, 111, 113, 112])
    })

    it('emits status events after commit and queues one status callback per recorded status', async () => {
      const events: StatusChangeEvent[] = []
      desk.events.onStatusChange((e) => events.push(e))
      const sent = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'x',
        recipients: [seNumberEndingIn(30)],
        reference: 'order-7',
        statusCallbackUrl: 'https://example.com/hook',
      })
      const id = sent.messages[0]?.id ?? ''
      dispatcher = desk.dispatcher.start({ pollMs: 10 })
      const [m] = await waitForStatuses(desk, accountId, [id])
      const codes = m?.statuses.map((s) => s.code) ?? []
      // Creation statuses are answered by the send itself; events start at 110.
      expect(events.map((e) => e.code)).toEqual(codes.filter((c) => c >= 110))
      expect(events.at(-1)).toMatchObject({ messageId: id, accountId, code: 201, final: true })

      const rows = await desk.db
        .selectFrom('webhook_deliveries')
        .select(['payload', 'url', 'account_id'])
        .where('message_id', '=', id)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      const payloads = rows.map((r) => JSON.parse(r.payload))
      // One for where the send left it (103), then one per later status.
      expect(payloads.map((p) => p.status.code)).toEqual([103, ...codes.filter((c) => c >= 110)])
      expect(rows.every((r) => r.url === 'https://example.com/hook' && r.account_id === accountId)).toBe(true)
      expect(payloads.at(-1)).toEqual({
        event: 'message.status',
        messageId: id,
        batchId: sent.batchId,
        reference: 'order-7',
        recipient: seNumberEndingIn(30),
        status: { code: 201, name: 'DeliveredToHandset' },
        final: true,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      })
    })

    it('pages messages newest first and filters by recipient, batch and status', async () => {
      const a = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'a',
        recipients: [seNumberEndingIn(40), 'bad'],
      })
      const b = await desk.messages.send(accountId, {
        sender: 'Sim',
        body: 'b',
        recipients: [seNumberEndingIn(41)],
      })
      const page1 = await desk.messages.list(accountId, { limit: 2 })
      expect(page1.items.map((m) => m.body)).toEqual(['b', 'a'])
      const page2 = await desk.messages.list(accountId, { limit: 2, cursor: page1.nextCursor ?? '' })
      expect(page2.items).toHaveLength(1)
      expect(page2.nextCursor).toBeNull()
      const local = await desk.messages.list(accountId, { recipient: '070-123 00 41' })
      expect(local.items.map((m) => m.batchId)).toEqual([b.batchId])
      expect((await desk.messages.list(accountId, { batchId: a.batchId })).items).toHaveLength(2)
      expect((await desk.messages.list(accountId, { status: 409 })).items.map((m) => m.recipient)).toEqual([
        'bad',
      ])
      const other = await desk.accounts.create({ name: 'Other' })
      expect((await desk.messages.list(other.id)).items).toHaveLength(0)
      await expect(desk.messages.get(other.id, a.messages[0]?.id ?? '')).rejects.toMatchObject({
        code: 'NotFound',
      })
      await expect(desk.messages.batchSummary(other.id, a.batchId)).rejects.toMatchObject({
        code: 'NotFound',
      })
    })

    it('never lets the balance go negative, even when written directly', async () => {
      await expect(
        sql`update accounts set balance = -1 where id = ${accountId}`.execute(desk.db),
      ).rejects.toThrow()
    })
  })
}

/** 101 → 102 → 103 → 110 → 111, then the gateway's info steps, then (104 when refunded and) the final code. */
function expectHistory(codes: number[] | undefined, final: number): void {
  expect(codes?.slice(0, 5)).toEqual([101, 102, 103, 110, 111])
  expect(codes?.at(-1)).toBe(final)
  const middle = codes?.slice(5, -1) ?? []
  expect(middle.every((c) => [104, 112, 113, 114, 503].includes(c))).toBe(true)
}
