/** The SQL behind `desk.faqFeedback`: bump a day's counter, and sum counters since a day. */
import { type Kysely, sql } from 'kysely'
import type { Database, FaqFeedbackCountsTable } from './schema.ts'

export type FaqCountKey = Omit<FaqFeedbackCountsTable, 'count'>

/** Adds one to the counter, creating it at 1 (one statement: safe under concurrent requests on both dialects). */
export async function bumpFaqCount(db: Kysely<Database>, key: FaqCountKey): Promise<void> {
  await db
    .insertInto('faq_feedback_counts')
    .values({ ...key, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['day', 'kind', 'subject', 'lang'])
        .doUpdateSet({ count: sql<number>`faq_feedback_counts.count + 1` }),
    )
    .execute()
}

export interface FaqCountSum {
  kind: FaqFeedbackCountsTable['kind']
  subject: string
  lang: FaqFeedbackCountsTable['lang']
  count: number
}

/** Every counter from `sinceDay` on, summed over the days. */
export async function sumFaqCounts(db: Kysely<Database>, sinceDay: string): Promise<FaqCountSum[]> {
  const rows = await db
    .selectFrom('faq_feedback_counts')
    .select(['kind', 'subject', 'lang', (eb) => eb.fn.sum<number | string>('count').as('total')])
    .where('day', '>=', sinceDay)
    .groupBy(['kind', 'subject', 'lang'])
    .execute()
  // pg returns sums as strings.
  return rows.map((row) => ({
    kind: row.kind,
    subject: row.subject,
    lang: row.lang,
    count: Number(row.total),
  }))
}
