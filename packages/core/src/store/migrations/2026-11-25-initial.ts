/** The first schema: accounts, money, messages and their history, contacts, opt-out, inbound, webhooks, chat links. Frozen. */
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** An auto-numbered integer key on either dialect (identity on PostgreSQL, rowid alias on SQLite). */
function serialKey(db: Db) {
  return (col: ColumnDefinitionBuilder) =>
    isPostgres(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`balance >= 0`))
    .addColumn('na_campaign', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('banned_words', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('registered_senders')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('sender', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registered_senders_pk', ['account_id', 'sender'])
    .execute()

  await db.schema
    .createTable('virtual_numbers')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute()

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('ledger_account_idx')
    .on('ledger_entries')
    .columns(['account_id', 'id'])
    .execute()

  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text')
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('total_segments', 'integer', (c) => c.notNull())
    .addColumn('total_price', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('batches_idempotency_uq', ['account_id', 'idempotency_key'])
    .execute()

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('segments', 'integer', (c) => c.notNull())
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('charged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reference', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status_callback_url', 'text')
    .addColumn('send_at', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('gateway_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('messages_due_idx')
    .on('messages')
    .columns(['status_code', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('messages_recipient_idx')
    .on('messages')
    .columns(['account_id', 'recipient', 'created_at'])
    .execute()
  await db.schema.createIndex('messages_batch_idx').on('messages').columns(['batch_id']).execute()
  await db.schema.createIndex('messages_account_idx').on('messages').columns(['account_id', 'id']).execute()
  await db.schema.createIndex('messages_gateway_idx').on('messages').columns(['gateway_id']).execute()

  await db.schema
    .createTable('message_statuses')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('code', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addUniqueConstraint('message_statuses_once_uq', ['message_id', 'code'])
    .execute()

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('contacts_number_uq', ['account_id', 'number'])
    .execute()

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('groups_name_uq', ['account_id', 'name_key'])
    .execute()

  await db.schema
    .createTable('contact_groups')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('contact_groups_pk', ['contact_id', 'group_id'])
    .execute()

  await db.schema
    .createTable('blocklist')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocklist_pk', ['account_id', 'number'])
    .execute()

  await db.schema
    .createTable('opt_out_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addUniqueConstraint('opt_out_tokens_number_uq', ['account_id', 'number'])
    .execute()

  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text')
    .addColumn('from_number', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('keyword', 'text')
    .addColumn('gateway_id', 'text', (c) => c.unique())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('inbound_account_idx')
    .on('inbound_messages')
    .columns(['account_id', 'received_at'])
    .execute()

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('webhook_due_idx')
    .on('webhook_deliveries')
    .columns(['delivered_at', 'failed_at', 'next_attempt_at'])
    .execute()

  await db.schema
    .createTable('chat_workspaces')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('sv'))
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_workspaces_pk', ['platform', 'workspace_id'])
    .execute()

  await db.schema
    .createTable('chat_members')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_members_pk', ['platform', 'workspace_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('chat_pending_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()

  await db.schema
    .createTable('chat_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('message_ref', 'text', (c) => c.notNull())
    .addColumn('conversation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('chat_threads_batch_idx').on('chat_threads').columns(['batch_id']).execute()
  await db.schema
    .createIndex('chat_threads_ref_idx')
    .on('chat_threads')
    .columns(['platform', 'channel', 'message_ref'])
    .execute()
}

export async function down(db: Db): Promise<void> {
  for (const t of [
    'chat_threads',
    'chat_pending_sends',
    'chat_members',
    'chat_workspaces',
    'webhook_deliveries',
    'inbound_messages',
    'opt_out_tokens',
    'blocklist',
    'contact_groups',
    'groups',
    'contacts',
    'message_statuses',
    'messages',
    'batches',
    'ledger_entries',
    'api_keys',
    'users',
    'virtual_numbers',
    'registered_senders',
    'accounts',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
