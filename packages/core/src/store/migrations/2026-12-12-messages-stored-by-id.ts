/**
 * SQLite: the messages are stored in their id's key (WITHOUT ROWID) instead of under a hidden rowid with a second
 * B-tree from id to rowid beside them. Every read of a message by id (a look-up, a report, a hand-over mark) went down
 * both trees, two random pages on a store larger than its page cache; it now goes down one. The secondary indexes
 * hold the id instead of the rowid, so a fresh store takes about 7 % more disk per message (the id index is gone, the
 * id in every other index costs more). The table is rebuilt with its columns, constraints and indexes as they are (read from the schema, not
 * restated), in one transaction; the foreign keys are off while the old table is dropped and back on, and checked,
 * before the commit. PostgreSQL has no rowid and keeps its table as it is. Frozen.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Db): Promise<void> {
  if (!isPostgres(db)) await rebuildMessages(db, true)
}

export async function down(db: Db): Promise<void> {
  if (!isPostgres(db)) await rebuildMessages(db, false)
}

/** Rebuilds `messages` with (`withoutRowid`) or without WITHOUT ROWID, keeping its columns, rows and indexes. */
async function rebuildMessages(db: Db, withoutRowid: boolean): Promise<void> {
  const { rows } = await sql<{ type: string; sql: string }>`select "type", "sql" from "sqlite_master"
    where "tbl_name" = 'messages' and "sql" is not null`.execute(db)
  const table = rows.find((r) => r.type === 'table')?.sql
  if (!table) throw new Error('no messages table to rebuild')
  const bare = table.replace(/\)\s*without\s+rowid\s*$/i, ')')
  if ((bare !== table) === withoutRowid) return // already stored that way
  const indexes = rows.filter((r) => r.type === 'index').map((r) => r.sql)
  const created = bare.replace(/^CREATE TABLE\s+"?messages"?/i, 'CREATE TABLE "messages_rebuilt"')
  // PRAGMA foreign_keys does nothing inside a transaction: set before BEGIN, put back after COMMIT or ROLLBACK.
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin immediate`.execute(db)
    try {
      await sql.raw(withoutRowid ? `${created} without rowid` : created).execute(db)
      await sql`insert into "messages_rebuilt" select * from "messages"`.execute(db)
      await sql`drop table "messages"`.execute(db)
      await sql`alter table "messages_rebuilt" rename to "messages"`.execute(db)
      for (const index of indexes) await sql.raw(index).execute(db)
      const broken = await sql`pragma foreign_key_check("message_statuses")`.execute(db)
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
