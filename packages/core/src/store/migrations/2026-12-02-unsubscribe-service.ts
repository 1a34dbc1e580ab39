/**
 * The opt-out service as sold: per-account settings (mode, texts, whether marketing needs it), the paid add-on
 * subscriptions the operator switches on and off, one confirmation SMS per number and day, and on each batch its
 * purpose and on each message which opt-out it carries. (Named "unsubscribe" so it sorts after the migrations of the
 * same day that were already run elsewhere: the Migrator runs names in order and refuses one slotted in before them.)
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('opt_out_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('off'))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('sv'))
    // Null means the product's default text in that language.
    .addColumn('link_text_sv', 'text')
    .addColumn('link_text_en', 'text')
    .addColumn('reply_text_sv', 'text')
    .addColumn('reply_text_en', 'text')
    .addColumn('required_for_marketing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('opt_out_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('yearly_price', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('committed_until', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('paid_until', 'text')
    .addColumn('created_by', 'text')
    .execute()
  await db.schema
    .createIndex('opt_out_subscriptions_account_idx')
    .on('opt_out_subscriptions')
    .columns(['account_id', 'service'])
    .execute()

  await db.schema
    .createTable('opt_out_confirmations')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opt_out_confirmations_pk', ['account_id', 'number', 'day'])
    .execute()

  await db.schema
    .alterTable('batches')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('marketing'))
    .execute()
  await db.schema.alterTable('messages').addColumn('opt_out', 'text').execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('opt_out').execute()
  await db.schema.alterTable('batches').dropColumn('purpose').execute()
  await db.schema.dropTable('opt_out_confirmations').ifExists().execute()
  await db.schema.dropTable('opt_out_subscriptions').ifExists().execute()
  await db.schema.dropTable('opt_out_settings').ifExists().execute()
}
