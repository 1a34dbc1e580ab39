/**
 * The provider runs it: operators and their keys, the audit log, customer numbers and account status, per-account
 * price lists and sender policy, sender requests with a decision, campaign end dates and idempotent credits. Frozen.
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('operators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('operator_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.id'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('operator_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('target', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('outcome', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_log_account_idx').on('audit_log').columns(['account_id', 'id']).execute()

  // Support looks a number up across every account.
  await db.schema
    .createIndex('messages_recipient_any_idx')
    .on('messages')
    .columns(['recipient', 'id'])
    .execute()
  await db.schema
    .createIndex('inbound_from_idx')
    .on('inbound_messages')
    .columns(['from_number', 'received_at'])
    .execute()

  // SQLite adds one column per statement.
  await db.schema.alterTable('accounts').addColumn('customer_number', 'text').execute()
  await db.schema
    .alterTable('accounts')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute()
  await db.schema.alterTable('accounts').addColumn('require_registered_senders', 'integer').execute()
  await db.schema.alterTable('accounts').addColumn('price_list', 'text').execute()
  await db.schema.alterTable('accounts').addColumn('na_campaign_until', 'text').execute()
  // Accounts from before get customer numbers in the order they were created.
  const existing = await db.selectFrom('accounts').select('id').orderBy('created_at').orderBy('id').execute()
  let next = 100001
  for (const row of existing) {
    await db
      .updateTable('accounts')
      .set({ customer_number: String(next++) })
      .where('id', '=', row.id)
      .execute()
  }
  await db.schema
    .createIndex('accounts_customer_number_idx')
    .on('accounts')
    .column('customer_number')
    .unique()
    .execute()

  // Senders registered before were set up by the provider: approved.
  await db.schema
    .alterTable('registered_senders')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('approved'))
    .execute()
  await db.schema.alterTable('registered_senders').addColumn('note', 'text').execute()
  await db.schema.alterTable('registered_senders').addColumn('updated_at', 'text').execute()

  await db.schema.alterTable('ledger_entries').addColumn('reference', 'text').execute()
  // Nulls are distinct on both dialects: only credits with a reference are held to one per account.
  await db.schema
    .createIndex('ledger_entries_reference_idx')
    .on('ledger_entries')
    .columns(['account_id', 'reference'])
    .unique()
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('ledger_entries_reference_idx').ifExists().execute()
  await db.schema.alterTable('ledger_entries').dropColumn('reference').execute()
  await db.schema.alterTable('registered_senders').dropColumn('updated_at').execute()
  await db.schema.alterTable('registered_senders').dropColumn('note').execute()
  await db.schema.alterTable('registered_senders').dropColumn('status').execute()
  await db.schema.dropIndex('accounts_customer_number_idx').ifExists().execute()
  for (const column of [
    'na_campaign_until',
    'price_list',
    'require_registered_senders',
    'status',
    'customer_number',
  ])
    await db.schema.alterTable('accounts').dropColumn(column).execute()
  await db.schema.dropIndex('inbound_from_idx').ifExists().execute()
  await db.schema.dropIndex('messages_recipient_any_idx').ifExists().execute()
  await db.schema.dropTable('audit_log').ifExists().execute()
  await db.schema.dropTable('operator_keys').ifExists().execute()
  await db.schema.dropTable('operators').ifExists().execute()
}
