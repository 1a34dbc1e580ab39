/**
 * Finds an account's virtual numbers through an index. Every send reads the account's first virtual number (its
 * reply-to for opt-out by reply), and with only the primary key on `number` that walked the whole table in number
 * order, looking for the account: all of it for the many accounts with none, so each send cost more as the operator
 * assigned numbers. Frozen.
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('virtual_numbers_account_idx')
    .ifNotExists()
    .on('virtual_numbers')
    .columns(['account_id', 'number'])
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('virtual_numbers_account_idx').ifExists().execute()
}
