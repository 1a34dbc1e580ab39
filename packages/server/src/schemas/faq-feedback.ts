/** The FAQ report as the operator API shows it. */
import { z } from '@hono/zod-openapi'
import type { FaqReport } from '@smsdesk/core'

const Lang = z.enum(['sv', 'en'])

export const FaqReportQuerySchema = z.object({
  since: z.iso
    .date()
    .optional()
    .openapi({ description: 'First day counted (UTC); default seven days ago', example: '2026-12-01' }),
  limit: z.coerce.number().int().min(1).max(100).optional().openapi({ example: 10 }),
})

export const FaqReportSchema = z
  .object({
    since: z
      .string()
      .openapi({ description: 'First day counted, UTC midnight', example: '2026-12-01T00:00:00.000Z' }),
    topMisses: z.array(
      z.object({
        query: z
          .string()
          .openapi({ description: 'Normalised: lower-case, digits and contact details replaced' }),
        lang: Lang,
        count: z.number().int(),
      }),
    ),
    leastHelpful: z.array(
      z.object({
        articleId: z.string().openapi({ example: 'blocklist.sv' }),
        lang: Lang,
        helpful: z.number().int(),
        unhelpful: z.number().int(),
      }),
    ),
  })
  .openapi('FaqReport')

export function faqReportJson(report: FaqReport): z.infer<typeof FaqReportSchema> {
  return { ...report, since: report.since.toISOString() }
}
