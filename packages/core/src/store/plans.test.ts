/**
 * The plans for the statements that run once per claim, once per status change and once per look-up stay index
 * reads whatever the backlog: on PostgreSQL with fresh statistics and with none (a table autovacuum has not analysed yet), and the
 * claim on SQLite too. The claim checked is the dispatcher's own statement, as dispatch/claim.ts builds it.
 */
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { claimStatement, preferOrderedWalk } from '../dispatch/claim.ts'
import { handOverMarks } from '../dispatch/outbox.ts'
import { byGatewayIdQuery, byHandOverQuery } from '../dispatch/reports.ts'
import { GET_MESSAGE_SQL } from '../messages/queries.ts'
import { stateQuery } from '../messages/record.ts'
import { preferHashJoin, updateStatements } from '../sending/bulk-insert.ts'
import { accountHeadQuery, sendingAccountQuery } from '../sending/plan.ts'
import type { Database } from './schema.ts'
import { testDialects } from './testing.ts'

const BACKLOG = 20_000
/** What delivery reports name: a hand-over's reference and recipient, or the gateway's own id. */
const REPORTED_PAIRS = [1, 2, 3].map((i) => ({ reference: `hov_plans${i}`, recipient: `+4670100000${i}` }))
const REPORTED_IDS = ['gw-1', 'gw-2', 'gw-3']

interface PlanNode {
  'Node Type': string
  'Index Name'?: string
  'Relation Name'?: string
  'Total Cost': number
  Plans?: PlanNode[]
}

async function planOf(db: Kysely<Database>, query: string, parameters: readonly unknown[] = []) {
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>({
    sql: `explain (format json) ${query}`,
    parameters,
    query: { kind: 'RawNode' } as never,
    queryId: { queryId: 'plan' },
  })
  const plan = rows[0]?.['QUERY PLAN'][0].Plan
  if (!plan) throw new Error('no plan')
  const nodes: PlanNode[] = []
  const walk = (n: PlanNode) => {
    nodes.push(n)
    for (const child of n.Plans ?? []) walk(child)
  }
  walk(plan)
  // A short outline for assertion messages: the plan's full JSON holds every bound id.
  const text = nodes
    .map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']].filter(Boolean).join(' '))
    .join(' / ')
  return { cost: plan['Total Cost'], nodes, text }
}

/** The dispatcher's oldest-first claim of 1,000 messages, compiled for `db`'s dialect. */
function claimSql(db: Kysely<Database>, dialect: 'sqlite' | 'postgres') {
  const nowText = new Date(Date.now() + 60_000).toISOString()
  const leaseUntil = new Date(Date.now() + 120_000).toISOString()
  return claimStatement(db, dialect, { owner: 'plans', leaseUntil, nowText, limit: 1_000 }).compile()
}

async function claimPlan(db: Kysely<Database>) {
  // In the claim's own transaction settings, rolled back: EXPLAIN does not run the UPDATE.
  return db.transaction().execute(async (trx) => {
    await preferOrderedWalk(trx)
    const compiled = claimSql(trx, 'postgres')
    return planOf(trx, compiled.sql, compiled.parameters)
  })
}

/** The reads by account and recipient: a page of an account's messages to one number, the chat's thread for a number. */
function byRecipientQueries(db: Kysely<Database>, accountId: string, recipient: string) {
  return [
    db
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', accountId)
      .where('recipient', 'in', [recipient])
      .orderBy('id', 'desc')
      .limit(51)
      .compile(),
    db
      .selectFrom('messages')
      .innerJoin('chat_threads', 'chat_threads.batch_id', 'messages.batch_id')
      .selectAll('chat_threads')
      .select('messages.id as message_id')
      .where('messages.account_id', '=', accountId)
      .where('messages.recipient', '=', recipient)
      .where('messages.created_at', '>=', '2020-01-01T00:00:00.000Z')
      .orderBy('messages.created_at', 'desc')
      .orderBy('messages.id', 'desc')
      .orderBy('chat_threads.id', 'desc')
      .limit(1)
      .compile(),
  ]
}

describe('SQLite plans', () => {
  let desk: TestDesk
  let accountId: string

  beforeAll(async () => {
    desk = await createTestDesk('sqlite')
    const account = await desk.accounts.create({ name: 'Backlog', balance: 2_000 * 100 })
    accountId = account.id
    const recipients = Array.from(
      { length: 2_000 },
      (_, i) => `+4670${String(1_000_000 + i).padStart(7, '0')}`,
    )
    await desk.messages.send(account.id, { sender: 'Plans', recipients, body: 'Backlog' })
  }, 60_000)
  afterAll(async () => {
    await desk?.close()
  })

  /** SQLite's plan for a compiled statement, a line per step. */
  const planLines = async (compiled: { sql: string; parameters: readonly unknown[] }) => {
    const { rows } = await desk.db.executeQuery<{ detail: string }>({
      ...compiled,
      sql: `explain query plan ${compiled.sql}`,
      query: { kind: 'RawNode' } as never,
      queryId: { queryId: 'plan' },
    })
    return rows.map((r) => r.detail)
  }

  it('claims through the due index, never a scan of the messages', async () => {
    const details = await planLines(claimSql(desk.db, 'sqlite'))
    expect(details.join(' / ')).toContain('messages_due_idx')
    expect(
      details.filter((d) => /^SCAN messages\b/.test(d)),
      details.join(' / '),
    ).toEqual([])
  })

  it("reads the recorder's messages, and a look-up's message, with their histories by the messages' key", async () => {
    const ids = (await desk.db.selectFrom('messages').select('id').limit(3).execute()).map((r) => r.id)
    const recorder = (await planLines(stateQuery('sqlite', ids, true).compile(desk.db))).join(' / ')
    // The id's unique index (SQLite's own for the primary key of a rowid table), then the row by its rowid.
    expect(recorder).toMatch(/SEARCH messages USING INDEX sqlite_autoindex_messages_1 \(id=\?\)/)
    expect(recorder).not.toMatch(/SCAN messages\b/)
    const lookUp = await planLines({ sql: GET_MESSAGE_SQL.sqlite, parameters: [ids[0], accountId] })
    expect(lookUp).toEqual(['SEARCH messages USING INDEX sqlite_autoindex_messages_1 (id=?)'])
  })

  it('reads the sending account, its senders, settings, first virtual number and services by key, scanning nothing', async () => {
    // Numbers assigned to other accounts: before the account index, finding this account's first one walked them all.
    const other = await desk.accounts.create({ name: 'Other', balance: 0 })
    await desk.db
      .insertInto('virtual_numbers')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          number: `+467190${String(i).padStart(5, '0')}`,
          account_id: other.id,
        })),
      )
      .execute()
    // What every send reads: the account's row by its key, nothing else.
    expect(await planLines(accountHeadQuery(accountId).compile(desk.db))).toEqual([
      'SEARCH accounts USING INDEX sqlite_autoindex_accounts_1 (id=?)',
    ])
    // What a send reads when the settings' version moved.
    const details = await planLines(sendingAccountQuery(accountId).compile(desk.db))
    expect(details.join(' / ')).toContain('virtual_numbers_account_idx (account_id=?)')
    expect(
      details.filter((d) => /^(SCAN|SEARCH \w+ USING (COVERING )?INDEX \w+)$/.test(d)),
      details.join(' / '),
    ).toEqual([])
  })

  it("finds a report's messages by hand-over and by gateway id through the partial indexes of those ids", async () => {
    const handOver = (await planLines(byHandOverQuery(desk.db, REPORTED_PAIRS).compile())).join(' / ')
    expect(handOver).toMatch(
      /SEARCH messages USING INDEX messages_hand_over_idx \(hand_over_id=\? AND recipient=\?\)/,
    )
    expect(handOver).not.toMatch(/SCAN messages\b/)
    const gateway = (await planLines(byGatewayIdQuery(desk.db, REPORTED_IDS).compile())).join(' / ')
    expect(gateway).toMatch(/SEARCH messages USING INDEX messages_gateway_idx \(gateway_id=\?\)/)
    expect(gateway).not.toMatch(/SCAN messages\b/)
  })

  it("finds an account's messages to a number through the recipient index", async () => {
    for (const compiled of byRecipientQueries(desk.db, accountId, '+46701000001')) {
      const { rows } = await desk.db.executeQuery<{ detail: string }>({
        ...compiled,
        sql: `explain query plan ${compiled.sql}`,
      })
      const details = rows.map((r) => r.detail).join(' / ')
      expect(details).toMatch(/SEARCH messages USING (COVERING )?INDEX messages_(recipient_any|account)_idx/)
      expect(details).not.toMatch(/SCAN messages\b/)
    }
  })
})

describe.skipIf(!testDialects().includes('postgres'))('PostgreSQL plans', () => {
  let desk: TestDesk
  let ids: string[]
  let accountId: string

  beforeAll(async () => {
    desk = await createTestDesk('postgres')
    // No statistics until the test asks for them: autovacuum must not analyse the tables meanwhile.
    await sql`alter table "messages" set (autovacuum_enabled = false)`.execute(desk.db)
    const account = await desk.accounts.create({ name: 'Backlog', balance: BACKLOG * 100 })
    accountId = account.id
    const recipients = Array.from(
      { length: BACKLOG },
      (_, i) => `+4670${String(1_000_000 + i).padStart(7, '0')}`,
    )
    await desk.messages.send(account.id, { sender: 'Plans', recipients, body: 'Backlog' })
    const rows = await desk.db.selectFrom('messages').select('id').orderBy('id').limit(500).execute()
    ids = rows.map((r) => r.id)
  }, 60_000)
  afterAll(async () => {
    await desk?.close()
  })

  /** The recorder's locking read of 500 messages with their histories. */
  const historyRead = async () => {
    const compiled = stateQuery('postgres', ids, true).compile(desk.db)
    return planOf(desk.db, compiled.sql, compiled.parameters)
  }

  /** The hand-over marks of 500 messages, planned as the dispatcher runs them (in a transaction, rolled back). */
  const handOverPlan = async () =>
    desk.db.transaction().execute(async (trx) => {
      const marks = ids.map((id, i) => [id, `hov_plans${i % 5}`] as const)
      const bulk = handOverMarks({ owner: 'plans', leaseUntil: 'x', nowText: 'y' }, marks)
      const [statement] = updateStatements('postgres', 'messages', bulk)
      if (!statement) throw new Error('no statement')
      await preferHashJoin(trx)
      return planOf(trx, statement.sql, statement.parameters)
    })
  const joinsByHash = (plan: Awaited<ReturnType<typeof handOverPlan>>) => {
    const types = plan.nodes.map((n) => n['Node Type'])
    expect(types, plan.text).not.toContain('Nested Loop')
    expect(types, plan.text).not.toContain('Seq Scan')
    expect(types, plan.text).toContain('Hash Join')
  }

  it('reads the messages with their histories by key before any ANALYZE, under the JIT threshold', async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stats
      where schemaname = current_schema() and tablename = 'messages'`.execute(desk.db)
    expect(rows[0]?.n).toBe(0)
    const plan = await historyRead()
    expect(plan.text).not.toContain('Seq Scan messages')
    expect(plan.text).toContain('messages_pkey')
    expect(plan.cost).toBeLessThan(100_000)
  })

  it("reads a look-up's message with its history by key before any ANALYZE", async () => {
    const plan = await planOf(desk.db, GET_MESSAGE_SQL.postgres, [ids[0], accountId])
    expect(plan.text).not.toContain('Seq Scan messages')
    expect(plan.text).toContain('messages_pkey')
  })

  it("finds an account's messages to a number through the recipient index before any ANALYZE", async () => {
    for (const compiled of byRecipientQueries(desk.db, accountId, '+46701000001')) {
      const plan = await planOf(desk.db, compiled.sql, compiled.parameters)
      expect(plan.text).not.toContain('Seq Scan messages')
      expect(plan.text).toContain('messages_recipient_any_idx')
    }
  })

  it("finds a report's messages by hand-over and by gateway id through the partial indexes before any ANALYZE", async () => {
    for (const [query, index] of [
      [byHandOverQuery(desk.db, REPORTED_PAIRS), 'messages_hand_over_idx'],
      [byGatewayIdQuery(desk.db, REPORTED_IDS), 'messages_gateway_idx'],
    ] as const) {
      const compiled = query.compile()
      const plan = await planOf(desk.db, compiled.sql, compiled.parameters)
      expect(plan.text).not.toContain('Seq Scan messages')
      expect(plan.text).toContain(index)
    }
  })

  it('claims in next-attempt order from the claimable index with no sort, once the sort is ruled out', async () => {
    // Without statistics PostgreSQL guesses a handful of due rows and would sort them; the claim's transaction
    // rules the sort out (SET LOCAL enable_sort = off), and then the backlog is never read whole.
    const plan = await claimPlan(desk.db)
    expect(
      plan.nodes.map((n) => n['Node Type']),
      plan.text,
    ).not.toContain('Sort')
    expect(plan.nodes.find((n) => n['Node Type'] === 'Index Scan')?.['Index Name'], plan.text).toBe(
      'messages_claimable_idx',
    )
  })

  it('marks a hand-over by hashing its messages against an index read before any ANALYZE', async () => {
    joinsByHash(await handOverPlan())
  })

  it('after ANALYZE: the hand-over marks still hash, though the statistics say no message has that lease owner', async () => {
    await sql`analyze "messages"`.execute(desk.db)
    // Left to itself the planner estimates one row and rescans the VALUES list per message (the 317 ms case).
    joinsByHash(await handOverPlan())
  })

  it('after ANALYZE: the claim walks the claimable index with no sort, and the history read stays on indexes', async () => {
    await sql`analyze "messages"`.execute(desk.db)
    const claim = await claimPlan(desk.db)
    expect(
      claim.nodes.map((n) => n['Node Type']),
      claim.text,
    ).not.toContain('Sort')
    expect(claim.text).toContain('messages_claimable_idx')
    const history = await historyRead()
    expect(history.text).not.toContain('Seq Scan messages')
    expect(history.text).toContain('messages_pkey')
  })
})
