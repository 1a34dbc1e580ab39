/** The FAQ draft queue as the operator API shows it. */
import { z } from '@hono/zod-openapi'
import type { FaqDraft } from '@smsdesk/core'

const Status = z.enum(['pending', 'approved', 'rejected'])

export const FaqDraftsQuerySchema = z.object({
  status: Status.optional().openapi({
    description: 'Only drafts in this state; `pending` is the review queue',
  }),
  limit: z.coerce.number().int().min(1).max(100).optional().openapi({ example: 50 }),
})

const FaqDraftSchema = z
  .object({
    id: z.string().openapi({ example: 'fqd_0k2x7c9q1v3w8z4h' }),
    conversationId: z.string(),
    lang: z.enum(['sv', 'en']),
    title: z.string(),
    question: z.string().openapi({ description: "The customer's question" }),
    answer: z.string().openapi({ description: 'The staff answers in order, internal notes left out' }),
    status: Status,
    createdBy: z.string(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('FaqDraft')

export const FaqDraftListSchema = z.object({ items: z.array(FaqDraftSchema) }).openapi('FaqDraftList')

export function faqDraftJson(draft: FaqDraft): z.infer<typeof FaqDraftSchema> {
  return {
    ...draft,
    reviewedAt: draft.reviewedAt?.toISOString() ?? null,
    createdAt: draft.createdAt.toISOString(),
  }
}
