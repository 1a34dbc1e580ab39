/** Lets `GET /api/v1/callbacks` list one account's callback deliveries, newest first, without a scan. */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('webhook_deliveries_account_idx')
    .on('webhook_deliveries')
    .columns(['account_id', 'id'])
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_account_idx').ifExists().execute()
}
