/** `GET /operator/faq-report`: the week's searches the FAQ could not answer and its least helpful articles. */
import { createRoute } from '@hono/zod-openapi'
import { newRouter, type RouteDeps } from '../../http/router.ts'
import { json } from '../../schemas/common.ts'
import { FaqReportQuerySchema, FaqReportSchema, faqReportJson } from '../../schemas/faq-feedback.ts'
import { operatorBearer, operatorErrors, TAG } from './shared.ts'

export function operatorFaqReportRoutes({ desk }: Pick<RouteDeps, 'desk'>) {
  const app = newRouter()
  const report = createRoute({
    method: 'get',
    path: '/faq-report',
    tags: [TAG],
    summary: 'Top FAQ search misses and least helpful articles (default: the last seven days)',
    security: operatorBearer,
    request: { query: FaqReportQuerySchema },
    responses: { 200: json(FaqReportSchema, 'The report'), ...operatorErrors },
  })
  app.openapi(report, async (c) => {
    const { since, limit } = c.req.valid('query')
    const found = await desk.faqFeedback.report({
      ...(since ? { since: new Date(`${since}T00:00:00.000Z`) } : {}),
      ...(limit ? { limit } : {}),
    })
    return c.json(faqReportJson(found), 200)
  })
  return app
}
