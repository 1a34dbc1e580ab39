/** `/api/v1/callbacks`: the account's status-callback deliveries with their attempts, and sending one again. */
import { createRoute, z } from '@hono/zod-openapi'
import type { CallbackDelivery } from '@smsdesk/core'
import { newRouter, type RouteDeps } from '../http/router.ts'
import {
  bearer,
  CursorSchema,
  errorResponse,
  IdParamSchema,
  json,
  LimitSchema,
  pageOf,
  securedErrors,
} from '../schemas/common.ts'

const CALLBACK_STATES = ['pending', 'delivered', 'failed'] as const

const CallbackDeliverySchema = z
  .object({
    id: z.string().openapi({ description: 'Also the `webhook-id` header, the same on every attempt' }),
    messageId: z.string(),
    url: z.string(),
    statusCode: z
      .number()
      .int()
      .openapi({ description: 'The status code the callback announces', example: 201 }),
    state: z.enum(CALLBACK_STATES),
    attempts: z.number().int(),
    lastError: z.string().nullable().openapi({ example: 'HTTP 500' }),
    nextAttemptAt: z
      .string()
      .nullable()
      .openapi({ description: 'When the next attempt is due; null once settled' }),
    deliveredAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('CallbackDelivery')

const ListQuerySchema = z.object({
  messageId: z.string().min(1).max(100).optional(),
  status: z.enum(CALLBACK_STATES).optional().openapi({ description: 'Only deliveries in this state' }),
  limit: LimitSchema,
  cursor: CursorSchema,
})

function deliveryJson(d: CallbackDelivery): z.infer<typeof CallbackDeliverySchema> {
  return { ...d }
}

export function callbackRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()

  const list = createRoute({
    method: 'get',
    path: '/callbacks',
    operationId: 'listCallbacks',
    tags: ['Callbacks'],
    summary: 'Status-callback deliveries, newest first, with attempts and the last error',
    security: bearer,
    middleware: [authorize('read')] as const,
    request: { query: ListQuerySchema },
    responses: {
      200: json(pageOf(CallbackDeliverySchema, 'CallbackDeliveryPage'), 'A page'),
      ...securedErrors,
    },
  })
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const page = await desk.callbacks.list(c.get('principal').accountId, {
      ...(q.messageId !== undefined ? { messageId: q.messageId } : {}),
      ...(q.status !== undefined ? { state: q.status } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
    })
    return c.json({ items: page.items.map(deliveryJson), nextCursor: page.nextCursor }, 200)
  })

  const redeliver = createRoute({
    method: 'post',
    path: '/callbacks/{id}/redeliver',
    operationId: 'redeliverCallback',
    tags: ['Callbacks'],
    summary: 'Send a callback again now (one more attempt; it keeps its webhook-id)',
    security: bearer,
    middleware: [authorize('send')] as const,
    request: { params: IdParamSchema },
    responses: {
      202: json(CallbackDeliverySchema, 'Queued for delivery now'),
      404: errorResponse('No such delivery in this account'),
      ...securedErrors,
    },
  })
  app.openapi(redeliver, async (c) => {
    const delivery = await desk.callbacks.redeliver(c.get('principal').accountId, c.req.valid('param').id)
    return c.json(deliveryJson(delivery), 202)
  })

  return app
}
