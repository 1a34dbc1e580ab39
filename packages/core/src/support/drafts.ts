/** `desk.support.drafts`: FAQ drafts staff make from a conversation, queued for review and never live in search. */
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { Lang } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import { type FaqDraftRow, insertDraft, reviewDraft, selectDraft, selectDrafts } from './drafts-store.ts'
import { selectConversation, selectMessages } from './store.ts'
import type { FaqDraft, FaqDraftResult, FaqDraftStatus } from './types.ts'
import { plainText } from './validate.ts'

export const FAQ_DRAFT_LIMITS = { title: 120, answer: 8000, list: 100 } as const

export interface FaqDraftsApi {
  /**
   * A draft from a conversation: the customer's first message is the question, the staff answers (never notes) the
   * answer. No answer yet comes back as `{ ok: false, reason: 'no_answer' }`; an unknown conversation is `NotFound`.
   */
  createFromConversation(
    conversationId: string,
    opts: { by: string; title?: string | null },
  ): Promise<FaqDraftResult>
  /** Newest first; `pending` is the review queue. */
  list(opts?: { status?: FaqDraftStatus; limit?: number }): Promise<FaqDraft[]>
  /** Approves or rejects a pending draft; `Conflict` when it was already reviewed. */
  review(id: string, decision: { status: 'approved' | 'rejected'; by: string }): Promise<FaqDraft>
}

function rowToDraft(row: FaqDraftRow): FaqDraft {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    lang: row.lang as Lang,
    title: row.title,
    question: row.question,
    answer: row.answer,
    status: row.status,
    createdBy: row.created_by,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at === null ? null : new Date(row.reviewed_at),
    createdAt: new Date(row.created_at),
  }
}

const notFound = (what: string): DeskError => new DeskError('NotFound', `No such ${what}.`)

export function createFaqDraftsApi(ctx: CoreContext): FaqDraftsApi {
  const { db } = ctx
  return {
    async createFromConversation(conversationId, opts) {
      const conversation = await selectConversation(db, conversationId)
      if (!conversation) throw notFound('conversation')
      const messages = await selectMessages(db, conversationId, false)
      const question = messages.find((m) => m.author === 'customer')?.body ?? ''
      const answers = messages.filter((m) => m.author === 'staff').map((m) => m.body)
      if (answers.length === 0) return { ok: false, reason: 'no_answer' }
      const title =
        plainText('title', opts.title, FAQ_DRAFT_LIMITS.title, false) ??
        (question.length > FAQ_DRAFT_LIMITS.title
          ? `${question.slice(0, FAQ_DRAFT_LIMITS.title - 1)}…`
          : question)
      const now = ctx.clock.now()
      const row: FaqDraftRow = {
        id: newId('fqd', now.getTime()),
        conversation_id: conversationId,
        lang: conversation.lang,
        title,
        question,
        answer: answers.join('\n\n').slice(0, FAQ_DRAFT_LIMITS.answer),
        status: 'pending',
        created_by: plainText('by', opts.by, 100) as string,
        reviewed_by: null,
        reviewed_at: null,
        created_at: iso(now),
      }
      await insertDraft(db, row)
      return { ok: true, draft: rowToDraft(row) }
    },
    async list(opts = {}) {
      const limit = Math.min(Math.max(1, Math.trunc(opts.limit ?? 50)), FAQ_DRAFT_LIMITS.list)
      const rows = await selectDrafts(db, { ...(opts.status ? { status: opts.status } : {}), limit })
      return rows.map(rowToDraft)
    },
    async review(id, decision) {
      const by = plainText('by', decision.by, 100) as string
      const set = { status: decision.status, reviewed_by: by, reviewed_at: iso(ctx.clock.now()) }
      if (!(await reviewDraft(db, id, set))) {
        if (!(await selectDraft(db, id))) throw notFound('FAQ draft')
        throw new DeskError('Conflict', 'That FAQ draft has already been reviewed.')
      }
      const row = await selectDraft(db, id)
      if (!row) throw notFound('FAQ draft')
      return rowToDraft(row)
    },
  }
}
