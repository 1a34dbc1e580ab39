/** The dispatcher against a scripted upstream gateway: retries with backoff, give-up, refusals, in-doubt hand-overs, blocks, several workers. */
import type { Dispatcher } from '@smsdesk/core'
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createScriptedGateway, type Script, seNumberEndingIn, waitFor } from './core-helpers.ts'

const PRICE = 49
const ok: Script = (m) => ({ id: m.id, ok: true, gatewayId: `gw-${m.id}` })

for (const dialect of testDialects()) {
  describe(`dispatcher on ${dialect}`, () => {
    let desk: TestDesk
    const dispatchers: Dispatcher[] = []
    const open = async (script: Script, opts: { findByReference?: boolean; delayMs?: number } = {}) => {
      const gateway = createScriptedGateway(script, opts)
      desk = await createTestDesk(dialect, { gateway })
      const { id } = await desk.accounts.create({ name: 'Dispatch', balance: 100_000 })
      return { gateway, accountId: id }
    }
    /** A dispatcher that only runs when the test says so. */
    const manual = (opts: { maxAttempts?: number; owner?: string; batchSize?: number } = {}) => {
      const d = desk.dispatcher.start({ pollMs: 3_600_000, ...opts })
      dispatchers.push(d)
      return d
    }
    afterEach(async () => {
      for (const d of dispatchers.splice(0)) await d.stop()
      await desk.close()
    })

    it('retries transient failures with growing backoff and asks the gateway before resubmitting', async () => {
      const { gateway, accountId } = await open(
        (m, attempt) =>
          attempt < 3 ? { id: m.id, ok: false, transient: true, error: 'HTTP 503' } : ok(m, attempt),
        { findByReference: true },
      )
      const lookups: string[][] = []
      const find = gateway.findByReference?.bind(gateway)
      gateway.findByReference = async (asked) => {
        lookups.push(asked.map((m) => m.id))
        return find ? find(asked) : new Map()
      }
      const sent = await desk.messages.send(accountId, {
        sender: 'Retry',
        body: 'x',
        recipients: [seNumberEndingIn(1)],
      })
      const id = sent.messages[0]?.id ?? ''
      const d = manual()
      expect(await d.runOnce()).toBe(1)
      expect(gateway.submissions.get(id)).toBe(1)
      expect((await desk.messages.get(accountId, id)).status.code).toBe(110)

      expect(await d.runOnce()).toBe(0) // backing off
      desk.clock.advance(2_000)
      expect(await d.runOnce()).toBe(1)
      expect(gateway.submissions.get(id)).toBe(2)
      expect(lookups).toEqual([[id]])

      desk.clock.advance(2_000)
      expect(await d.runOnce()).toBe(0) // the second backoff is twice as long
      desk.clock.advance(2_000)
      expect(await d.runOnce()).toBe(1)
      const m = await desk.messages.get(accountId, id)
      expect(m.status.code).toBe(111)
      expect(m.gatewayId).toBe(`gw-${id}`)
      expect(m.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 111])
      expect(gateway.submissions.get(id)).toBe(3)
    })

    it('gives up after maxAttempts with 516 GatewayError and a refund', async () => {
      const { gateway, accountId } = await open((m) => ({
        id: m.id,
        ok: false,
        transient: true,
        error: 'HTTP 502',
      }))
      const sent = await desk.messages.send(accountId, {
        sender: 'Retry',
        body: 'x',
        recipients: [seNumberEndingIn(2)],
      })
      const id = sent.messages[0]?.id ?? ''
      const d = manual({ maxAttempts: 3 })
      for (let i = 0; i < 3; i++) {
        expect(await d.runOnce()).toBe(1)
        desk.clock.advance(60_000)
      }
      const m = await desk.messages.get(accountId, id)
      expect(m.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 104, 516])
      expect(m.statuses.at(-1)?.detail).toMatch(/3 attempts.*HTTP 502/)
      expect(gateway.submissions.get(id)).toBe(3)
      expect((await desk.ledger.balance(accountId)).amount).toBe(100_000)
      expect(await d.runOnce()).toBe(0)
    })

    it('records a refusal at hand-over with its code (default 516) and refunds it', async () => {
      const { gateway, accountId } = await open((m, attempt) => {
        if (m.recipient.endsWith('501'))
          return { id: m.id, ok: false, transient: false, code: 501, error: 'no such subscriber' }
        if (m.recipient.endsWith('500')) return { id: m.id, ok: false, transient: false, error: 'rejected' }
        return ok(m, attempt)
      })
      const sent = await desk.messages.send(accountId, {
        sender: 'Refuse',
        body: 'x',
        recipients: [seNumberEndingIn(501), seNumberEndingIn(500)],
      })
      await manual().runOnce()
      const [a, b] = await Promise.all(sent.messages.map((m) => desk.messages.get(accountId, m.id)))
      expect(a?.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 104, 501])
      expect(b?.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 104, 516])
      expect((await desk.ledger.balance(accountId)).amount).toBe(100_000)
      expect(gateway.submissions.size).toBe(2)
    })

    it('asks before resubmitting a message whose earlier hand-over may have landed, and never sends it twice', async () => {
      const { gateway, accountId } = await open((m, attempt) => (attempt === 1 ? 'throw' : ok(m, attempt)), {
        findByReference: true,
      })
      const sent = await desk.messages.send(accountId, {
        sender: 'Doubt',
        body: 'x',
        recipients: [seNumberEndingIn(3)],
      })
      const id = sent.messages[0]?.id ?? ''
      const d = manual()
      await d.runOnce()
      expect((await desk.messages.get(accountId, id)).status.code).toBe(110)
      desk.clock.advance(10_000)
      expect(await d.runOnce()).toBe(1)
      const m = await desk.messages.get(accountId, id)
      expect(m.status.code).toBe(111)
      expect(m.gatewayId).toBe(gateway.held.get(id))
      expect(gateway.submissions.get(id)).toBe(1)
      expect((await desk.ledger.balance(accountId)).amount).toBe(100_000 - PRICE)
    })

    it('never submits to a number blocked after the message was scheduled: 405 and a refund', async () => {
      const { gateway, accountId } = await open(ok)
      const number = seNumberEndingIn(4)
      const sent = await desk.messages.send(accountId, {
        sender: 'Block',
        body: 'x',
        recipients: [number, seNumberEndingIn(5)],
        sendAt: new Date(desk.clock.now().getTime() + 60_000),
      })
      await desk.blocklist.add(accountId, '070-123 00 04')
      desk.clock.advance(60_000)
      expect(await manual().runOnce()).toBe(2)
      const blocked = await desk.messages.get(accountId, sent.messages[0]?.id ?? '')
      expect(blocked.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 104, 405])
      expect(gateway.submissions.has(blocked.id)).toBe(false)
      expect(gateway.submissions.get(sent.messages[1]?.id ?? '')).toBe(1)
      expect((await desk.ledger.balance(accountId)).amount).toBe(100_000 - PRICE)
    })

    it('never sends to a number that texted STOP — neither new sends nor ones scheduled before', async () => {
      const { gateway } = await open(ok)
      const virtual = '+46766860000'
      const acc = await desk.accounts.create({ name: 'Stop', balance: 10_000, virtualNumbers: [virtual] })
      const number = seNumberEndingIn(6)
      const scheduled = await desk.messages.send(acc.id, {
        sender: 'Stop',
        body: 'Rea!',
        recipients: [number],
        sendAt: new Date(desk.clock.now().getTime() + 60_000),
      })
      const inbound = await desk.inbound.receive({
        from: number,
        to: virtual,
        body: ' stopp ',
        at: desk.clock.now(),
      })
      expect(inbound).toMatchObject({ keyword: 'STOP', action: 'blocked', accountId: acc.id })
      const later = await desk.messages.send(acc.id, {
        sender: 'Stop',
        body: 'Rea igen!',
        recipients: [number],
      })
      expect(later.messages[0]?.status.code).toBe(405)
      desk.clock.advance(60_000)
      await manual().runOnce()
      const m = await desk.messages.get(acc.id, scheduled.messages[0]?.id ?? '')
      expect(m.status.code).toBe(405)
      expect(gateway.submissions.size).toBe(0)
      expect((await desk.ledger.balance(acc.id)).amount).toBe(10_000)
    })

    it('lets several dispatchers share the outbox without any message being claimed twice', async () => {
      const { gateway, accountId } = await open(ok, { delayMs: 5 })
      const recipients = Array.from({ length: 300 }, (_, i) => seNumberEndingIn(i, '+4672123'))
      const sent = await desk.messages.send(accountId, { sender: 'Many', body: 'x', recipients })
      const workers = ['w1', 'w2', 'w3'].map((owner) =>
        desk.dispatcher.start({ owner, batchSize: 25, pollMs: 5 }),
      )
      dispatchers.push(...workers)
      await waitFor(async () => (gateway.submissions.size === 300 ? true : undefined))
      await Promise.all(workers.map((w) => w.stop()))
      expect([...gateway.submissions.values()].every((n) => n === 1)).toBe(true)
      const summary = await desk.messages.batchSummary(accountId, sent.batchId)
      expect(summary.byStatus).toEqual([{ code: 111, name: 'DeliveredToGateway', count: 300 }])
    })

    it('keeps several claims of one dispatcher in flight through a backlog, each message handed over once', async () => {
      // Each gateway call takes long enough for the next two claims to arrive meanwhile, also on a loaded machine
      // (at 20 ms a PostgreSQL claim under the full suite sometimes came after the first call had ended).
      const { gateway, accountId } = await open(ok, { delayMs: 100 })
      let inCall = 0
      let mostAtOnce = 0
      const submit = gateway.submit.bind(gateway)
      gateway.submit = async (messages) => {
        mostAtOnce = Math.max(mostAtOnce, ++inCall)
        try {
          return await submit(messages)
        } finally {
          inCall--
        }
      }
      const recipients = Array.from({ length: 200 }, (_, i) => seNumberEndingIn(i, '+4672123'))
      const sent = await desk.messages.send(accountId, { sender: 'Lanes', body: 'x', recipients })
      // One gateway call per claim (one body, one sender), so calls at once are claims at once.
      const d = desk.dispatcher.start({ batchSize: 20, pollMs: 5, claimsInFlight: 3, concurrency: 1 })
      dispatchers.push(d)
      await waitFor(async () => (gateway.submissions.size === 200 ? true : undefined))
      await d.stop()
      expect(mostAtOnce).toBe(3)
      expect([...gateway.submissions.values()].every((n) => n === 1)).toBe(true)
      const summary = await desk.messages.batchSummary(accountId, sent.batchId)
      expect(summary.byStatus).toEqual([{ code: 111, name: 'DeliveredToGateway', count: 200 }])
      const leased = await desk.db
        .selectFrom('messages')
        .select('id')
        .where('lease_owner', 'is not', null)
        .execute()
      expect(leased).toEqual([])
    })

    it("shares claims between accounts: another account's SMS does not wait behind a 1,000-message batch", async () => {
      const { gateway, accountId: big } = await open(ok)
      const others = await Promise.all(
        ['Small B', 'Small C'].map(
          async (name) => (await desk.accounts.create({ name, balance: 10_000 })).id,
        ),
      )
      const recipients = Array.from({ length: 1_000 }, (_, i) => seNumberEndingIn(i, '+4672123'))
      await desk.messages.send(big, { sender: 'Big', body: 'Kampanj', recipients })
      desk.clock.advance(1)
      const small = await Promise.all(
        others.map((accountId, i) =>
          desk.messages.send(accountId, {
            sender: 'Small',
            body: 'Din kod',
            recipients: [seNumberEndingIn(i, '+4673123')],
          }),
        ),
      )
      const d = manual({ batchSize: 50 })
      const rounds: number[] = []
      while ((await d.runOnce()) > 0) rounds.push(gateway.submissions.size)
      const order = [...gateway.submissions.keys()]
      // Without sharing they would be numbers 1,001 and 1,002; the first claim alone finds no one waiting.
      for (const s of small) expect(order.indexOf(s.messages[0]!.id)).toBeLessThan(100)
      expect(order).toHaveLength(1_002)
      expect([...gateway.submissions.values()].every((n) => n === 1)).toBe(true)
      // Sharing costs no throughput: every claim but the last was full.
      expect(rounds.slice(0, -1).every((n, i) => n === (i + 1) * 50)).toBe(true)
    })

    it('never claims more than batchSize, even when more accounts wait than a claim has room for', async () => {
      const { gateway, accountId: big } = await open(ok)
      await desk.messages.send(big, {
        sender: 'Big',
        body: 'Kampanj',
        recipients: Array.from({ length: 100 }, (_, i) => seNumberEndingIn(i, '+4672123')),
      })
      desk.clock.advance(1)
      const small: string[] = []
      for (let i = 0; i < 4; i++) {
        const { id } = await desk.accounts.create({ name: `Small ${i}`, balance: 10_000 })
        const sent = await desk.messages.send(id, {
          sender: 'Small',
          body: 'Kod',
          recipients: [seNumberEndingIn(i, '+4673123')],
        })
        small.push(sent.messages[0]!.id)
      }
      const d = manual({ batchSize: 3 })
      let before = 0
      for (let n = await d.runOnce(); n > 0; n = await d.runOnce()) {
        expect(n).toBeLessThanOrEqual(3)
        expect(gateway.submissions.size - before).toBe(n)
        before = gateway.submissions.size
      }
      const order = [...gateway.submissions.keys()]
      expect(order).toHaveLength(104)
      for (const id of small) expect(order.indexOf(id)).toBeLessThan(15)
    })

    it('stop() finishes the batch in hand and leaves nothing leased', async () => {
      const { accountId } = await open(ok, { delayMs: 100 })
      const sent = await desk.messages.send(accountId, {
        sender: 'Stop',
        body: 'x',
        recipients: [seNumberEndingIn(7)],
      })
      const d = desk.dispatcher.start({ pollMs: 5 })
      await waitFor(async () =>
        (await desk.messages.get(accountId, sent.messages[0]?.id ?? '')).status.code === 110
          ? true
          : undefined,
      )
      await d.stop()
      const row = await desk.db
        .selectFrom('messages')
        .select(['status_code', 'lease_owner'])
        .where('id', '=', sent.messages[0]?.id ?? '')
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ status_code: 111, lease_owner: null })
    })
  })
}
