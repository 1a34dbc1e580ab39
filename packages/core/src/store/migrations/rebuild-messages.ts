/**
 * SQLite: rebuilds the `messages` table with (`withoutRowid`) or without WITHOUT ROWID, keeping its columns,
 * constraints, rows and indexes as they are (read from the schema, not restated), in one transaction. The foreign
 * keys are off while the old table is dropped and back on after; `checkForeignKeysOf` (a table whose foreign keys the
 * rebuild could break) is checked before the commit. Does nothing when the table is stored that way already. Shared
 * by the migrations that change how the messages are stored (2026-12-12, 2026-12-14). Frozen: they depend on it.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function rebuildMessages(
  db: Db,
  opts: { withoutRowid: boolean; checkForeignKeysOf: string },
): Promise<void> {
  const { rows } = await sql<{ type: string; sql: string }>`select "type", "sql" from "sqlite_master"
    where "tbl_name" = 'messages' and "sql" is not null`.execute(db)
  const table = rows.find((r) => r.type === 'table')?.sql
  if (!table) throw new Error('no messages table to rebuild')
  const bare = table.replace(/\)\s*without\s+rowid\s*$/i, ')')
  if ((bare !== table) === opts.withoutRowid) return // already stored that way
  const indexes = rows.filter((r) => r.type === 'index').map((r) => r.sql)
  const created = bare.replace(/^CREATE TABLE\s+"?messages"?/i, 'CREATE TABLE "messages_rebuilt"')
  // PRAGMA foreign_keys does nothing inside a transaction: set before BEGIN, put back after COMMIT or ROLLBACK.
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin immediate`.execute(db)
    try {
      await sql.raw(opts.withoutRowid ? `${created} without rowid` : created).execute(db)
      await sql`insert into "messages_rebuilt" select * from "messages"`.execute(db)
      await sql`drop table "messages"`.execute(db)
      await sql`alter table "messages_rebuilt" rename to "messages"`.execute(db)
      for (const index of indexes) await sql.raw(index).execute(db)
      const broken = await sql`select * from pragma_foreign_key_check(${opts.checkForeignKeysOf})`.execute(db)
      if (broken.rows.length > 0)
        throw new Error(`rebuilding messages would break ${broken.rows.length} foreign key(s)`)
      await sql`commit`.execute(db)
    } catch (err) {
      await sql`rollback`.execute(db)
      throw err
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}
