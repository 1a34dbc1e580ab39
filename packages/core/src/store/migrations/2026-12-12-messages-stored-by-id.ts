/**
 * SQLite: the messages are stored in their id's key (WITHOUT ROWID) instead of under a hidden rowid with a second
 * B-tree from id to rowid beside them. Every read of a message by id (a look-up, a report, a hand-over mark) went down
 * both trees, two random pages on a store larger than its page cache; it now goes down one. The secondary indexes
 * hold the id instead of the rowid, so a fresh store takes about 7 % more disk per message (the id index is gone, the
 * id in every other index costs more). The table is rebuilt with its columns, constraints and indexes as they are (read from the schema, not
 * restated), in one transaction; the foreign keys are off while the old table is dropped and back on, and checked,
 * before the commit. PostgreSQL has no rowid and keeps its table as it is. Frozen.
 */
import { type Kysely, PostgresAdapter } from 'kysely'
import { rebuildMessages } from './rebuild-messages.ts'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Db): Promise<void> {
  if (!isPostgres(db))
    await rebuildMessages(db, { withoutRowid: true, checkForeignKeysOf: 'message_statuses' })
}

export async function down(db: Db): Promise<void> {
  if (!isPostgres(db))
    await rebuildMessages(db, { withoutRowid: false, checkForeignKeysOf: 'message_statuses' })
}
