/** `GET /operator/faq-drafts`: FAQ drafts staff made from support conversations, newest first, for review. */
import { createRoute } from '@hono/zod-openapi'
import { newRouter, type RouteDeps } from '../../http/router.ts'
import { json } from '../../schemas/common.ts'
import { FaqDraftListSchema, FaqDraftsQuerySchema, faqDraftJson } from '../../schemas/faq-drafts.ts'
import { operatorBearer, operatorErrors, TAG } from './shared.ts'

export function operatorFaqDraftRoutes({ desk }: Pick<RouteDeps, 'desk'>) {
  const app = newRouter()
  const list = createRoute({
    method: 'get',
    path: '/faq-drafts',
    tags: [TAG],
    summary:
      'FAQ drafts made with `faq draft` in a support thread (never live in search until made articles)',
    security: operatorBearer,
    request: { query: FaqDraftsQuerySchema },
    responses: { 200: json(FaqDraftListSchema, 'The drafts, newest first'), ...operatorErrors },
  })
  app.openapi(list, async (c) => {
    const { status, limit } = c.req.valid('query')
    const drafts = await desk.support.drafts.list({
      ...(status ? { status } : {}),
      ...(limit ? { limit } : {}),
    })
    return c.json({ items: drafts.map(faqDraftJson) }, 200)
  })
  return app
}
