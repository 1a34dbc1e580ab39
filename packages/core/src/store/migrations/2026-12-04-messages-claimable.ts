/**
 * Lets a claim walk the claimable messages (103 Funded, 110 Sending) in next-attempt order and stop after its
 * LIMIT, instead of reading and sorting the whole backlog: `status_code IN (103, 110) … ORDER BY next_attempt_at`
 * cannot be read in order from (status_code, next_attempt_at), as it holds two runs. Partial, so it only ever
 * holds the backlog: a message leaves it when the gateway has it. PostgreSQL only: SQLite cannot match a partial
 * index against the claim's bound parameters, so there it would be written on every send and never read.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await db.schema
    .createIndex('messages_claimable_idx')
    .on('messages')
    .column('next_attempt_at')
    .where(sql<boolean>`"status_code" in (103, 110)`)
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('messages_claimable_idx').ifExists().execute()
}
