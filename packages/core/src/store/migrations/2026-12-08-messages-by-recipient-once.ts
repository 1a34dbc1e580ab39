/**
 * Messages are found by recipient through one index, (recipient, id), not two: every read by account and recipient
 * (a page of an account's messages to some numbers, the chat's latest thread for a number) seeks the recipient in
 * it and keeps the account's rows, and the operator's search across accounts needed it anyway. The
 * (account_id, recipient, created_at) index cost every message its third-largest index entry for one chat look-up.
 * Frozen.
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema.dropIndex('messages_recipient_idx').ifExists().execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema
    .createIndex('messages_recipient_idx')
    .ifNotExists()
    .on('messages')
    .columns(['account_id', 'recipient', 'created_at'])
    .execute()
}
