/**
 * Inserts that travel together: on PostgreSQL one statement for all (a send's message, its history and its
 * callbacks), a foreign key between them holding; on SQLite one after another. Either way every row arrives, and
 * a constraint that fails leaves none of that statement's rows.
 */
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import type { Database } from '../store/schema.ts'
import { testDialects } from '../store/testing.ts'
import { insertRowsTogether } from './bulk-insert.ts'

for (const dialect of testDialects()) {
  describe(`inserts together on ${dialect}`, () => {
    let desk: TestDesk
    /** Our own connection to the test database, counting the statements it sends. */
    let counted: Kysely<Database>
    let statements: string[]
    beforeEach(async () => {
      desk = await createTestDesk(dialect)
      statements = []
      const log = (event: { query: { sql: string } }) => {
        statements.push(event.query.sql)
      }
      counted =
        dialect === 'postgres'
          ? new Kysely<Database>({
              dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: desk.url, max: 1 }) }),
              log,
            })
          : new Kysely<Database>({
              dialect: new SqliteDialect({
                database: new SQLite(desk.url),
              }),
              log,
            })
    })
    afterEach(async () => {
      await counted.destroy()
      await desk.close()
    })

    const account = (id: string) => [id, `Kund ${id}`, 'SEK', '2026-12-03T00:00:00.000Z']
    const accounts = (ids: string[]) =>
      [
        'accounts',
        {
          columns: [
            ['id', 'text'],
            ['name', 'text'],
            ['currency', 'text'],
            ['created_at', 'text'],
          ],
          rows: ids.map(account),
        },
      ] as const
    const senders = (pairs: [string, string][]) =>
      [
        'registered_senders',
        {
          columns: [
            ['account_id', 'text'],
            ['sender', 'text'],
          ],
          rows: pairs,
          constants: [['status', 'text', 'approved']],
        },
      ] as const

    it('stores rows of a parent and a child table in one statement on PostgreSQL, one each on SQLite', async () => {
      await insertRowsTogether(counted, dialect, [
        accounts(['acc_t1', 'acc_t2']),
        senders([
          ['acc_t1', 'Anna'],
          ['acc_t2', 'Bageriet'],
          ['acc_t2', 'Bengt'],
        ]),
        // Nothing to insert: no statement.
        ['webhook_deliveries', { columns: [['id', 'text']], rows: [] }],
      ])
      expect(statements).toHaveLength(dialect === 'postgres' ? 1 : 2)
      const stored = await desk.db
        .selectFrom('registered_senders')
        .select(['account_id', 'sender', 'status'])
        .where('account_id', 'in', ['acc_t1', 'acc_t2'])
        .orderBy('sender')
        .execute()
      expect(stored).toEqual([
        { account_id: 'acc_t1', sender: 'Anna', status: 'approved' },
        { account_id: 'acc_t2', sender: 'Bageriet', status: 'approved' },
        { account_id: 'acc_t2', sender: 'Bengt', status: 'approved' },
      ])
    })

    it('checks the foreign key between them: a child without its parent fails, and on PostgreSQL stores neither', async () => {
      await expect(
        insertRowsTogether(counted, dialect, [accounts(['acc_t3']), senders([['acc_missing', 'Anna']])]),
      ).rejects.toThrow(/foreign key/i)
      const parents = await desk.db.selectFrom('accounts').select('id').where('id', '=', 'acc_t3').execute()
      // SQLite ran the parent's statement on its own (a caller's transaction undoes it); PostgreSQL's one failed whole.
      expect(parents).toHaveLength(dialect === 'postgres' ? 0 : 1)
    })
  })
}
