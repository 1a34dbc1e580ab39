/** Widget-to-support conversations: the customer's question, the messages both ways and the chat thread it lives in. */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('support_conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('mobile', 'text')
    .addColumn('sms_consent', 'integer', (c) => c.notNull())
    .addColumn('customer_number', 'text')
    .addColumn('page', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('recent_searches', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text')
    .addColumn('thread_platform', 'text')
    .addColumn('thread_channel', 'text')
    .addColumn('thread_ts', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('support_conversations_thread_idx')
    .on('support_conversations')
    .columns(['thread_platform', 'thread_channel', 'thread_ts'])
    .execute()
  await db.schema
    .createIndex('support_conversations_updated_idx')
    .on('support_conversations')
    .column('updated_at')
    .execute()
  await db.schema
    .createTable('support_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('support_conversations.id').onDelete('cascade'),
    )
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('staff_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('support_messages_conversation_idx')
    .on('support_messages')
    .columns(['conversation_id', 'id'])
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('support_messages').execute()
  await db.schema.dropTable('support_conversations').execute()
}
