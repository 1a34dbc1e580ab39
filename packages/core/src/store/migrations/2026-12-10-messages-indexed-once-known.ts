/**
 * Indexes a message's gateway id and hand-over id only once it has them. Both are null when a message is stored and
 * are set as it is handed over; every look-up of them compares with a value (`= ?`, `IN (…)`), which implies
 * `IS NOT NULL`, so SQLite and PostgreSQL both read these partial indexes for the same queries. Each send then writes
 * two index entries fewer per message, and each hand-over adds an entry instead of moving one. Frozen.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await recreate(db, true)
}

export async function down(db: Db): Promise<void> {
  await recreate(db, false)
}

async function recreate(db: Db, partial: boolean): Promise<void> {
  for (const [name, columns] of [
    ['messages_gateway_idx', ['gateway_id']],
    ['messages_hand_over_idx', ['hand_over_id', 'recipient']],
  ] as const) {
    await db.schema.dropIndex(name).ifExists().execute()
    const index = db.schema
      .createIndex(name)
      .on('messages')
      .columns([...columns])
    await (partial ? index.where(sql<boolean>`${sql.ref(columns[0])} is not null`) : index).execute()
  }
}
