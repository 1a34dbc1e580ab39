/**
 * Exactly once under faults, against the iP1 stand-in (which counts every recipient it is sent): two servers on
 * one database with a gateway slower than their lease, a last attempt whose answer is lost, and (PostgreSQL) every
 * database session terminated three times during a 10,000-message run.
 */
import { randomBytes } from 'node:crypto'
import { createDesk, createIp1Gateway, type Desk, type Dispatcher } from '@smsdesk/core'
import {
  createTestDesk,
  type Ip1Standin,
  openTestDatabase,
  startIp1Standin,
  type TestDatabase,
  testDialects,
} from '@smsdesk/core/testing'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { seNumberEndingIn, waitFor } from './core-helpers.ts'

const PRICE = 49
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined)
})

const numbers = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => seNumberEndingIn(i, prefix))

/** A server: a Desk on `url` with its own iP1 adapter and a running dispatcher. */
async function startServer(
  url: string,
  standin: Ip1Standin,
  dispatcher: Parameters<Desk['dispatcher']['start']>[0],
): Promise<{ desk: Desk; dispatcher: Dispatcher }> {
  const gateway = createIp1Gateway({ apiKey: standin.apiKey, baseUrl: standin.url, timeoutMs: 5_000 })
  const desk = await createDesk({ database: url, gateway })
  const running = desk.dispatcher.start(dispatcher)
  cleanups.push(() => desk.close())
  return { desk, dispatcher: running }
}

/** Waits until no message of the batch is still waiting (103) or being sent (110). */
async function allHandedOver(db: TestDatabase['db'], batchId: string, timeoutMs: number): Promise<void> {
  await waitFor(async () => {
    const row = await db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('batch_id', '=', batchId)
      .where('status_code', 'in', [103, 110])
      .executeTakeFirstOrThrow()
    return Number(row.n) === 0 ? true : undefined
  }, timeoutMs)
}

/** The balance and the sum of the ledger, which must agree. */
async function money(
  db: TestDatabase['db'],
  accountId: string,
): Promise<{ balance: number; ledger: number }> {
  const account = await db
    .selectFrom('accounts')
    .select('balance')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow()
  const entries = await db
    .selectFrom('ledger_entries')
    .select('amount')
    .where('account_id', '=', accountId)
    .execute()
  return { balance: Number(account.balance), ledger: entries.reduce((sum, e) => sum + Number(e.amount), 0) }
}

function expectEachOnce(standin: Ip1Standin, recipients: readonly string[]): void {
  const counts = standin.recipientCounts()
  expect(counts.size).toBe(recipients.length)
  const twice = [...counts].filter(([, n]) => n !== 1)
  expect(twice).toEqual([])
  for (const s of standin.submissions()) expect(standin.countByReference(s.reference ?? '')).toBe(1)
}

for (const dialect of testDialects()) {
  describe(`faults on ${dialect}`, () => {
    it('two servers, a gateway answering in 1.5 s and a 500 ms lease: every message reaches iP1 exactly once', async () => {
      const db = await openTestDatabase(dialect)
      cleanups.push(() => db.close())
      const standin = await startIp1Standin({ answerDelayMs: 1_500 })
      cleanups.push(() => standin.close())
      const options = { batchSize: 100, handOverSize: 50, leaseMs: 500, pollMs: 20 }
      const a = await startServer(db.url, standin, { ...options, owner: 'server-a' })
      const b = await startServer(db.url, standin, { ...options, owner: 'server-b' })
      const account = await a.desk.accounts.create({ name: 'Two', balance: 100_000 })
      const recipients = numbers(400, '+4670111')
      const sent = await a.desk.messages.send(account.id, { sender: 'Two', body: 'Hej', recipients })

      await allHandedOver(db.db, sent.batchId, 30_000)
      await Promise.all([a.dispatcher.stop(), b.dispatcher.stop()])
      expectEachOnce(standin, recipients)
      // Both servers worked, and every call carried up to handOverSize recipients.
      expect(standin.submissions().every((s) => s.recipients.length <= 50)).toBe(true)
      expect(standin.submissions().length).toBeLessThanOrEqual(12)
      const owners = await db.db.selectFrom('hand_overs').select('owner').distinct().execute()
      expect(owners.map((o) => o.owner).sort()).toEqual(['server-a', 'server-b'])
      const statuses = await db.db
        .selectFrom('messages')
        .select(['status_code', 'gateway_id'])
        .where('batch_id', '=', sent.batchId)
        .execute()
      expect(statuses.every((m) => m.status_code === 111 && m.gateway_id !== null)).toBe(true)
      const { balance, ledger } = await money(db.db, account.id)
      expect(balance).toBe(100_000 - 400 * PRICE)
      expect(ledger).toBe(balance)
    }, 60_000)

    describe('a last attempt whose answer is lost', () => {
      const lose = async (opts: { lookUpFails: boolean }) => {
        const standin = await startIp1Standin()
        cleanups.push(() => standin.close())
        const gateway = createIp1Gateway({ apiKey: standin.apiKey, baseUrl: standin.url, timeoutMs: 300 })
        const desk = await createTestDesk(dialect, { gateway })
        cleanups.push(() => desk.close())
        const { id: accountId } = await desk.accounts.create({ name: 'Lost', balance: 10_000 })
        const recipient = seNumberEndingIn(201)
        const sent = await desk.messages.send(accountId, {
          sender: 'Lost',
          body: 'Hej',
          recipients: [recipient],
        })
        const id = sent.messages[0]?.id ?? ''
        standin.failNext(1, 'lost')
        if (opts.lookUpFails) standin.failNextReads(100)
        const dispatcher = desk.dispatcher.start({ pollMs: 3_600_000, maxAttempts: 1 })
        cleanups.push(() => dispatcher.stop())
        await dispatcher.runOnce()
        return { standin, desk, accountId, id, recipient }
      }

      it('closes as 599 Unknown without a refund when iP1 cannot be asked, and a later 201 report settles it', async () => {
        const { standin, desk, accountId, id, recipient } = await lose({ lookUpFails: true })
        const closed = await desk.messages.get(accountId, id)
        expect(closed.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 599])
        expect(closed.statuses.at(-1)?.detail).toMatch(/not refunded/)
        expect((await desk.ledger.balance(accountId)).amount).toBe(10_000 - PRICE)

        const [batch] = standin.submissions()
        const outcome = await desk.messages.recordDeliveryReport({
          reference: batch?.reference ?? '',
          recipient,
          gatewayId: `${batch?.batchId}-${recipient.slice(1)}`,
          code: 201,
          at: new Date(),
        })
        expect(outcome).toBe('recorded')
        const delivered = await desk.messages.get(accountId, id)
        expect(delivered.status.code).toBe(201)
        expect(delivered.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 599, 201])
        expect((await desk.ledger.balance(accountId)).amount).toBe(10_000 - PRICE)
        expect(standin.recipientCounts().get(recipient.slice(1))).toBe(1)
      })

      it('is found at iP1 by its reference when iP1 can be asked: 111, never sent twice', async () => {
        const { standin, desk, accountId, id, recipient } = await lose({ lookUpFails: false })
        const m = await desk.messages.get(accountId, id)
        const [batch] = standin.submissions()
        expect(m.statuses.map((s) => s.code)).toEqual([101, 102, 103, 110, 111])
        expect(m.gatewayId).toBe(`${batch?.batchId}-${recipient.slice(1)}`)
        expect(standin.postCount()).toBe(1)
      })

      it('takes a refund when a later report says no network carried it (the refund table decides)', async () => {
        const { standin, desk, accountId, id, recipient } = await lose({ lookUpFails: true })
        const [batch] = standin.submissions()
        await desk.messages.recordDeliveryReport({
          reference: batch?.reference ?? '',
          recipient,
          code: 511,
          at: new Date(),
        })
        const m = await desk.messages.get(accountId, id)
        expect(m.status.code).toBe(511)
        expect((await desk.ledger.balance(accountId)).amount).toBe(10_000)
      })
    })
  })
}

const pgBase = process.env.SMSDESK_TEST_PG?.trim()
describe.runIf(pgBase)('PostgreSQL terminating every session', () => {
  it('keeps the process up and sends 10,000 messages exactly once through three pg_terminate_backend waves', async () => {
    const base = pgBase as string
    const name = `smsdesk_faults_${randomBytes(5).toString('hex')}`
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const url = new URL(base)
    url.pathname = `/${name}`
    cleanups.push(async () => {
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name])
      await admin.query(`drop database if exists ${name}`)
      await admin.end()
    })
    const standin = await startIp1Standin()
    cleanups.push(() => standin.close())
    const options = { batchSize: 500, handOverSize: 100, leaseMs: 2_000, pollMs: 20 }
    const a = await startServer(url.toString(), standin, { ...options, owner: 'server-a' })
    const b = await startServer(url.toString(), standin, { ...options, owner: 'server-b' })
    const account = await a.desk.accounts.create({ name: 'Blink', balance: 1_000_000 })
    // Two sends of 5,000, to two number ranges: recipients are distinct across the run.
    const recipients = [...numbers(5_000, '+4670120'), ...numbers(5_000, '+4670130')]
    await a.dispatcher.stop()
    await b.dispatcher.stop()
    const batches = [
      await a.desk.messages.send(account.id, {
        sender: 'Blink',
        body: 'Hej',
        recipients: recipients.slice(0, 5_000),
      }),
      await a.desk.messages.send(account.id, {
        sender: 'Blink',
        body: 'Hej',
        recipients: recipients.slice(5_000),
      }),
    ]
    const dispatchers = [
      a.desk.dispatcher.start({ ...options, owner: 'a' }),
      b.desk.dispatcher.start({ ...options, owner: 'b' }),
    ]
    cleanups.push(() => Promise.all(dispatchers.map((d) => d.stop())))

    let terminated = 0
    for (let wave = 0; wave < 3; wave++) {
      await new Promise((r) => setTimeout(r, 250))
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      )
      terminated += rowCount ?? 0
    }
    expect(terminated).toBeGreaterThan(3)

    const check = new pg.Client({ connectionString: url.toString() })
    await check.connect()
    cleanups.push(() => check.end())
    await waitFor(async () => {
      const { rows } = await check.query<{ n: string }>(
        'select count(*) as n from messages where status_code in (103, 110)',
      )
      return Number(rows[0]?.n) === 0 ? true : undefined
    }, 90_000)
    await Promise.all(dispatchers.map((d) => d.stop()))

    const { rows: codes } = await check.query<{ status_code: number; n: string }>(
      'select status_code, count(*) as n from messages group by status_code',
    )
    expect(codes.map((c) => [c.status_code, Number(c.n)])).toEqual([[111, 10_000]])
    expectEachOnce(standin, recipients)
    const { rows: money } = await check.query<{ balance: string; ledger: string }>(
      `select (select balance from accounts where id = $1) as balance,
              (select sum(amount) from ledger_entries where account_id = $1) as ledger`,
      [account.id],
    )
    expect(Number(money[0]?.balance)).toBe(1_000_000 - 10_000 * PRICE)
    expect(Number(money[0]?.ledger)).toBe(Number(money[0]?.balance))
    expect(batches.every((s) => s.messages.length === 5_000)).toBe(true)
  }, 120_000)
})
