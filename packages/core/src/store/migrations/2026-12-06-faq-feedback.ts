/**
 * FAQ feedback: per day, how often a normalised search query found no good answer and how often an article
 * was marked helpful or not. Counters, not events: a public endpoint feeds it, so rows stay bounded by the
 * distinct queries and articles of a day, and nothing personal is kept. Frozen.
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('faq_feedback_counts')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('faq_feedback_counts_pk', ['day', 'kind', 'subject', 'lang'])
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('faq_feedback_counts').ifExists().execute()
}
