/**
 * SQLite: the messages go back to a rowid table (with the id's unique index beside it), undoing 2026-12-12's
 * WITHOUT ROWID now that each message carries its whole history (2026-12-13). A WITHOUT ROWID table is a B-tree
 * whose interior cells hold whole rows, so its fan-out falls as rows grow: on a 1M-message store its interior pages
 * held 137,000 of the rows, 86 MB in 22,000 pages (about six children each), where a rowid table's interior pages
 * hold only rowids (359 pages, 1.4 MB, about 400 children each) and the id's index 74 more. SQLite advises WITHOUT
 * ROWID for rows under about a twentieth of a page; a delivered message's row is now about half a kilobyte. On the
 * bench VM, against WITHOUT ROWID: 916 bytes on disk per delivered message instead of 1,021 – 1,023, the 100,000-
 * message dispatch and look-ups on a 1M store the same or a little faster. The table is rebuilt with its columns,
 * constraints and indexes as they are (read from the schema, not restated), in one transaction; the foreign keys
 * are off while the old table is dropped and the messages' own are checked before the commit (no table refers to
 * messages since 2026-12-13). PostgreSQL has no rowid and is left as it is. `down` rebuilds it WITHOUT ROWID.
 * The rebuild restates 2026-12-12's rather than importing it: that one is frozen with a check of the history table's
 * foreign key, and that table is gone. Frozen.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Db): Promise<void> {
  if (!isPostgres(db)) await rebuild(db, false)
}

export async function down(db: Db): Promise<void> {
  if (!isPostgres(db)) await rebuild(db, true)
}

/** Rebuilds `messages` with (`withoutRowid`) or without WITHOUT ROWID, keeping its columns, rows and indexes. */
async function rebuild(db: Db, withoutRowid: boolean): Promise<void> {
  const { rows } = await sql<{ type: string; sql: string }>`select "type", "sql" from "sqlite_master"
    where "tbl_name" = 'messages' and "sql" is not null`.execute(db)
  const table = rows.find((r) => r.type === 'table')?.sql
  if (!table) throw new Error('no messages table to rebuild')
  const withRowid = table.replace(/\)\s*without\s+rowid\s*$/i, ')')
  if ((withRowid !== table) === withoutRowid) return // already stored that way
  const indexes = rows.filter((r) => r.type === 'index').map((r) => r.sql)
  const created = withRowid.replace(/^CREATE TABLE\s+"?messages"?/i, 'CREATE TABLE "messages_rebuilt"')
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
      const broken = await sql`pragma foreign_key_check("messages")`.execute(db)
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
