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
 * messages since 2026-12-13). PostgreSQL has no rowid and is left as it is. `down` rebuilds it WITHOUT ROWID. The
 * rebuild is 2026-12-12's (rebuild-messages.ts). Frozen.
 */
import { type Kysely, PostgresAdapter } from 'kysely'
import { rebuildMessages } from './rebuild-messages.ts'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Db): Promise<void> {
  if (!isPostgres(db)) await rebuildMessages(db, { withoutRowid: false, checkForeignKeysOf: 'messages' })
}

export async function down(db: Db): Promise<void> {
  if (!isPostgres(db)) await rebuildMessages(db, { withoutRowid: true, checkForeignKeysOf: 'messages' })
}
