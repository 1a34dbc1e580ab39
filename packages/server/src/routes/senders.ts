/** `/api/v1/senders`: the alphanumeric senders an account asked for, and requesting one (admin). */
import { createRoute, z } from '@hono/zod-openapi'
import { newRouter, type RouteDeps } from '../http/router.ts'
import { bearer, json, securedErrors } from '../schemas/common.ts'
import { SenderSchema, senderJson } from '../schemas/operator.ts'

export function senderRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()

  const list = createRoute({
    method: 'get',
    path: '/senders',
    tags: ['Senders'],
    summary: 'The senders the account asked for: pending, approved or rejected by the provider',
    security: bearer,
    middleware: [authorize('read')] as const,
    responses: { 200: json(z.object({ items: z.array(SenderSchema) }), 'Senders'), ...securedErrors },
  })
  app.openapi(list, async (c) => {
    const senders = await desk.senders.list(c.get('principal').accountId)
    return c.json({ items: senders.map(senderJson) }, 200)
  })

  const request = createRoute({
    method: 'put',
    path: '/senders/{sender}',
    tags: ['Senders'],
    summary: 'Ask the provider to approve an alphanumeric sender (admin); it is pending until decided',
    security: bearer,
    middleware: [authorize('manage_senders')] as const,
    request: {
      params: z.object({
        sender: z
          .string()
          .min(1)
          .max(20)
          .openapi({ param: { name: 'sender', in: 'path' }, example: 'Acme' }),
      }),
    },
    responses: { 200: json(SenderSchema, 'The sender and its state'), ...securedErrors },
  })
  app.openapi(request, async (c) => {
    const { sender } = c.req.valid('param')
    return c.json(senderJson(await desk.senders.request(c.get('principal').accountId, sender)), 200)
  })

  return app
}
