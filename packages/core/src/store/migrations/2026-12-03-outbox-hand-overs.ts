/**
 * The hand-over outbox: every call to a gateway is recorded before it is made — its id (sent as the batch's
 * reference) and, on each message it carries, that id — so recovery can ask the gateway for it by reference.
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('hand_overs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.alterTable('messages').addColumn('hand_over_id', 'text').execute()
  await db.schema
    .createIndex('messages_hand_over_idx')
    .on('messages')
    .columns(['hand_over_id', 'recipient'])
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('messages_hand_over_idx').ifExists().execute()
  await db.schema.alterTable('messages').dropColumn('hand_over_id').execute()
  await db.schema.dropTable('hand_overs').ifExists().execute()
}
