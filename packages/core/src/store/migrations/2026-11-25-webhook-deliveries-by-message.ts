/** Lets callback delivery find a message's earlier pending callbacks quickly, so they go out in order. */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('webhook_deliveries_message_idx')
    .on('webhook_deliveries')
    .columns(['message_id', 'created_at'])
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_message_idx').ifExists().execute()
}
