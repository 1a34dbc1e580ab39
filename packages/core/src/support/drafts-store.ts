/** The queries behind `desk.support.drafts`: the reviewed queue of FAQ drafts. */
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import type { FaqDraftsTable } from '../store/schema-support.ts'

export type FaqDraftRow = FaqDraftsTable

export async function insertDraft(db: Kysely<Database>, row: FaqDraftRow): Promise<void> {
  await db.insertInto('faq_drafts').values(row).execute()
}

export function selectDraft(db: Kysely<Database>, id: string): Promise<FaqDraftRow | undefined> {
  return db.selectFrom('faq_drafts').selectAll().where('id', '=', id).executeTakeFirst()
}

export function selectDrafts(
  db: Kysely<Database>,
  opts: { status?: FaqDraftRow['status']; limit: number },
): Promise<FaqDraftRow[]> {
  let q = db.selectFrom('faq_drafts').selectAll()
  if (opts.status) q = q.where('status', '=', opts.status)
  return q.orderBy('id', 'desc').limit(opts.limit).execute()
}

/** Marks a pending draft reviewed; false when it was not pending (already reviewed, or gone). */
export async function reviewDraft(
  db: Kysely<Database>,
  id: string,
  set: Pick<FaqDraftRow, 'status' | 'reviewed_by' | 'reviewed_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('faq_drafts')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
