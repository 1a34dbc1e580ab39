/** `POST /api/v1/simulator/inbound` (simulator mode only): an inbound SMS without a phone, to try STOP and Spara. */
import { createRoute, z } from '@hono/zod-openapi'
import { DeskError, normalizeNumber } from '@smsdesk/core'
import { newRouter, type RouteDeps } from '../http/router.ts'
import { bearer, errorResponse, json, jsonBody, securedErrors } from '../schemas/common.ts'

const InboundBodySchema = z
  .strictObject({
    from: z
      .string()
      .min(1)
      .max(64)
      .openapi({ description: 'The phone that “sent” it', example: '+46701234567' }),
    to: z
      .string()
      .min(1)
      .max(64)
      .openapi({ description: 'One of the account’s virtual numbers', example: '+46700000000' }),
    body: z.string().min(1).max(2000).openapi({ example: 'STOP' }),
  })
  .openapi('SimulatedInbound')

const InboundResultSchema = z
  .object({
    id: z.string(),
    keyword: z.enum(['STOP', 'START', 'SPARA']).nullable(),
    action: z.string().openapi({ example: 'blocked' }),
    contactId: z.string().optional(),
  })
  .openapi('InboundResult')

export function simulatorRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()

  const inbound = createRoute({
    method: 'post',
    path: '/simulator/inbound',
    tags: ['Simulator'],
    summary: 'Deliver an inbound SMS to one of your virtual numbers (simulator gateway only)',
    security: bearer,
    middleware: [authorize('send')] as const,
    request: { body: jsonBody(InboundBodySchema) },
    responses: {
      200: json(InboundResultSchema, 'What the keyword did'),
      404: errorResponse('`to` is not one of this account’s virtual numbers'),
      ...securedErrors,
    },
  })
  app.openapi(inbound, async (c) => {
    const { accountId } = c.get('principal')
    const { from, to, body } = c.req.valid('json')
    const account = await desk.accounts.get(accountId)
    const target = normalizeNumber(to)
    // Only the caller's own numbers: a STOP must never land in another account's blocklist.
    if (!target.ok || !account.virtualNumbers.includes(target.e164)) {
      throw new DeskError(
        'NotFound',
        `${to} is not one of this account’s virtual numbers (${account.virtualNumbers.join(', ') || 'none'}).`,
      )
    }
    const result = await desk.inbound.receive({ from, to: target.e164, body, at: desk.clock.now() })
    return c.json(
      {
        id: result.id,
        keyword: result.keyword,
        action: result.action,
        ...(result.contactId ? { contactId: result.contactId } : {}),
      },
      200,
    )
  })

  return app
}
