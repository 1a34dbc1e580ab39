/** `/api/v1/blocklist` and `/api/v1/opt-out-links`: numbers the account never sends to, and links to join it. */
import { createRoute, z } from '@hono/zod-openapi'
import { newRouter, type RouteDeps } from '../http/router.ts'
import { bearer, errorResponse, json, jsonBody, securedErrors } from '../schemas/common.ts'
import { BlockEntrySchema, blockJson, NumberParamSchema } from '../schemas/contacts.ts'

const OptOutLinkBodySchema = z
  .strictObject({ number: z.string().min(1).max(64).openapi({ example: '+46701234567' }) })
  .openapi('OptOutLinkRequest')

const OptOutLinkSchema = z
  .object({
    url: z.string().openapi({ description: 'Put this in the SMS; the recipient confirms on the page' }),
    token: z.string(),
  })
  .openapi('OptOutLink')

export function blocklistRoutes({ desk, authorize, config }: RouteDeps) {
  const app = newRouter()

  const list = createRoute({
    method: 'get',
    path: '/blocklist',
    tags: ['Blocklist'],
    summary: 'Blocked numbers (manual, STOP replies and opt-out links)',
    security: bearer,
    middleware: [authorize('read')] as const,
    responses: {
      200: json(z.object({ items: z.array(BlockEntrySchema) }), 'The blocklist'),
      ...securedErrors,
    },
  })
  app.openapi(list, async (c) => {
    const entries = await desk.blocklist.list(c.get('principal').accountId)
    return c.json({ items: entries.map(blockJson) }, 200)
  })

  const block = createRoute({
    method: 'put',
    path: '/blocklist/{number}',
    tags: ['Blocklist'],
    summary: 'Block a number (idempotent)',
    security: bearer,
    middleware: [authorize('edit_contacts')] as const,
    request: { params: NumberParamSchema },
    responses: { 200: json(BlockEntrySchema, 'Blocked'), ...securedErrors },
  })
  app.openapi(block, async (c) => {
    const entry = await desk.blocklist.add(
      c.get('principal').accountId,
      c.req.valid('param').number,
      'manual',
    )
    return c.json(blockJson(entry), 200)
  })

  const unblock = createRoute({
    method: 'delete',
    path: '/blocklist/{number}',
    tags: ['Blocklist'],
    summary: 'Lift a block',
    security: bearer,
    middleware: [authorize('edit_contacts')] as const,
    request: { params: NumberParamSchema },
    responses: {
      204: { description: 'Unblocked' },
      404: errorResponse('The number is not on the blocklist'),
      ...securedErrors,
    },
  })
  app.openapi(unblock, async (c) => {
    const { number } = c.req.valid('param')
    const removed = await desk.blocklist.remove(c.get('principal').accountId, number)
    if (!removed) {
      return c.json({ error: { code: 'NotFound', message: `${number} is not on the blocklist.` } }, 404)
    }
    return c.body(null, 204)
  })

  const optOutLink = createRoute({
    method: 'post',
    path: '/opt-out-links',
    tags: ['Blocklist'],
    summary: 'The opt-out link for a recipient, to put in an SMS',
    security: bearer,
    middleware: [authorize('send')] as const,
    request: { body: jsonBody(OptOutLinkBodySchema) },
    responses: {
      200: json(OptOutLinkSchema, 'The link (the same one every time for a number)'),
      ...securedErrors,
    },
  })
  app.openapi(optOutLink, async (c) => {
    const token = await desk.optOut.token(c.get('principal').accountId, c.req.valid('json').number)
    return c.json({ url: `${config.publicUrl}/u/${encodeURIComponent(token)}`, token }, 200)
  })

  return app
}
