/**
 * Lets a dispatcher find, per account, its longest-waiting funded message with one index look-up, so claims can be
 * shared between accounts without reading a backlog. Partial (funded messages only): a message enters it once and
 * leaves it when first claimed, and none of its later status changes touch it.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('messages_account_due_idx')
    .on('messages')
    .columns(['account_id', 'next_attempt_at'])
    .where(sql.ref('status_code'), '=', 103)
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('messages_account_due_idx').ifExists().execute()
}
