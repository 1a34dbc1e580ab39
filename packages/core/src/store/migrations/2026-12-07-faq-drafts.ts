/** FAQ drafts staff make from a support conversation (`faq draft`): a reviewed queue, never live in search. */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('faq_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // No foreign key: a draft outlives the conversation's retention, and carries no contact details.
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('faq_drafts_status_idx').on('faq_drafts').columns(['status', 'id']).execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('faq_drafts').execute()
}
