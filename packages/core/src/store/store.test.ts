/** The store behaves the same on every dialect: migrations, constraints, bigint round-trips, transactions. */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from './migrations/index.ts'
import { openDatabase } from './open.ts'
import { openTestDatabase, type TestDatabase, testDialects } from './testing.ts'

const NOW = '2026-11-25T10:00:00.000Z'

describe.each(testDialects())('store on %s', (dialect) => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await openTestDatabase(dialect)
    await t.db
      .insertInto('accounts')
      .values({
        id: 'acc_1',
        name: 'Acme',
        currency: 'SEK',
        balance: 500,
        na_campaign: 0,
        banned_words: '[]',
        created_at: NOW,
      })
      .execute()
  })
  afterAll(async () => {
    await t?.close()
  })

  it('ran every migration once', async () => {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.db)
    expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort())
    expect(rows.rows[0]?.name).toBe('2026-11-25-initial')
  })

  it('reopening the same database runs no migration twice', async () => {
    const again = await openDatabase({ url: t.url })
    try {
      const n = await again.db
        .selectFrom('accounts')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst()
      expect(Number(n?.n)).toBe(1)
    } finally {
      await again.close()
    }
  })

  it('reads bigint money back as a number after Number()', async () => {
    const row = await t.db
      .selectFrom('accounts')
      .select('balance')
      .where('id', '=', 'acc_1')
      .executeTakeFirst()
    expect(Number(row?.balance)).toBe(500)
  })

  it('refuses a negative balance (check constraint)', async () => {
    await expect(
      t.db.updateTable('accounts').set({ balance: -1 }).where('id', '=', 'acc_1').execute(),
    ).rejects.toThrow()
    const row = await t.db
      .selectFrom('accounts')
      .select('balance')
      .where('id', '=', 'acc_1')
      .executeTakeFirst()
    expect(Number(row?.balance)).toBe(500)
  })

  it('allows a balance of exactly zero', async () => {
    await t.db
      .insertInto('accounts')
      .values({
        id: 'acc_zero',
        name: 'Zero',
        currency: 'SEK',
        balance: 0,
        na_campaign: 0,
        banned_words: '[]',
        created_at: NOW,
      })
      .execute()
    const row = await t.db
      .selectFrom('accounts')
      .select('balance')
      .where('id', '=', 'acc_zero')
      .executeTakeFirst()
    expect(Number(row?.balance)).toBe(0)
  })

  it('keeps contacts unique per number per account, not across accounts', async () => {
    const contact = (id: string, accountId: string) => ({
      id,
      account_id: accountId,
      number: '+46701234567',
      created_at: NOW,
      updated_at: NOW,
    })
    await t.db.insertInto('contacts').values(contact('con_1', 'acc_1')).execute()
    await expect(t.db.insertInto('contacts').values(contact('con_2', 'acc_1')).execute()).rejects.toThrow()
    await t.db.insertInto('contacts').values(contact('con_3', 'acc_zero')).execute()
  })

  it('keeps group names unique per account by name_key', async () => {
    const group = (id: string, name: string) => ({
      id,
      account_id: 'acc_1',
      name,
      name_key: name.toLowerCase(),
      created_at: NOW,
    })
    await t.db.insertInto('groups').values(group('grp_1', 'Kunder')).execute()
    await expect(t.db.insertInto('groups').values(group('grp_2', 'KUNDER')).execute()).rejects.toThrow()
  })

  it('refuses a second inbound message with the same gateway id', async () => {
    const inbound = (id: string) => ({
      id,
      account_id: 'acc_1',
      from_number: '+46701234567',
      to_number: '+46766860000',
      body: 'hej',
      gateway_id: 'gw-1',
      received_at: NOW,
    })
    await t.db.insertInto('inbound_messages').values(inbound('in_1')).execute()
    await expect(t.db.insertInto('inbound_messages').values(inbound('in_2')).execute()).rejects.toThrow()
  })

  it('folds case beyond ASCII the same way on both dialects', async () => {
    const { rows } = await sql<{ folded: string }>`select lower(${'ÅSA Örn ÉMILE'}) as folded`.execute(t.db)
    expect(rows[0]?.folded).toBe('åsa örn émile')
  })

  it('enforces foreign keys', async () => {
    await expect(
      t.db
        .insertInto('users')
        .values({ id: 'usr_x', account_id: 'acc_missing', name: 'X', role: 'admin', created_at: NOW })
        .execute(),
    ).rejects.toThrow()
  })

  it('numbers ledger rows itself and rolls a failed transaction back whole', async () => {
    const entry = {
      account_id: 'acc_1',
      amount: 100,
      balance_after: 600,
      kind: 'top_up' as const,
      created_at: NOW,
    }
    const first = await t.db
      .insertInto('ledger_entries')
      .values(entry)
      .returning('id')
      .executeTakeFirstOrThrow()
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('ledger_entries').values(entry).execute()
        await trx.updateTable('accounts').set({ balance: -5 }).where('id', '=', 'acc_1').execute()
      }),
    ).rejects.toThrow()
    const rows = await t.db.selectFrom('ledger_entries').select('id').execute()
    expect(rows.map((r) => Number(r.id))).toEqual([Number(first.id)])
  })
})

describe('openDatabase', () => {
  it('says which migration failed', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-open-'))
    const file = join(dir, 'nested', 'db.sqlite')
    try {
      const first = await openDatabase({ file })
      // Forget that the migration ran: it runs again and trips over the tables it already made.
      await sql`delete from kysely_migration`.execute(first.db)
      await first.close()
      await expect(openDatabase({ file })).rejects.toThrow(/migration "2026-11-25-initial" failed on sqlite/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('opens an in-memory SQLite database', async () => {
    const mem = await openDatabase({ file: ':memory:' })
    expect(mem.dialect).toBe('sqlite')
    expect(await mem.db.selectFrom('accounts').selectAll().execute()).toEqual([])
    await mem.close()
    await mem.close()
  })
})
