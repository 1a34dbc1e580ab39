/** `/api/v1/messages`: send, quote, look up, list and cancel. */
import { createRoute, z } from '@hono/zod-openapi'
import { DeskError, type SendRequest } from '@smsdesk/core'
import { statusByName } from '@smsdesk/core/status'
import { validationFailed } from '../http/errors.ts'
import { createMessageCache } from '../http/message-cache.ts'
import { newRouter, type RouteDeps } from '../http/router.ts'
import {
  bearer,
  errorResponse,
  IdParamSchema,
  json,
  jsonBody,
  pageOf,
  securedErrors,
} from '../schemas/common.ts'
import {
  MessageDetailSchema,
  MessageListQuerySchema,
  MessageSchema,
  messageDetailJson,
  messageJson,
  QuoteSchema,
  SendBodySchema,
  SendResponseSchema,
  sendResultJson,
} from '../schemas/messages.ts'

const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({ description: 'Retries with the same key and body send nothing new' }),
})

/** Field problems in these two are the request-level SMS statuses 407 and 408. */
function smsStatusForField(field: string) {
  if (field === 'sender') return { code: 'InvalidSender', name: 'InvalidSender', statusCode: 407 }
  if (field === 'body') return { code: 'InvalidContent', name: 'InvalidContent', statusCode: 408 }
  return undefined
}

const JSON_HEADERS = { 'Content-Type': 'application/json' }

export function messageRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()
  const lookups = createMessageCache(desk)

  const send = createRoute({
    method: 'post',
    path: '/messages',
    tags: ['Messages'],
    summary: 'Send SMS to numbers and/or contact groups',
    description:
      'Per-recipient problems (409 InvalidRecipient, 405 RecipientRejected, 402 InsufficientFunds, …) are message ' +
      'statuses in a 202 answer. Request-level problems are a 422 and store nothing.',
    security: bearer,
    middleware: [authorize('send')] as const,
    request: { headers: IdempotencyHeaderSchema, body: jsonBody(SendBodySchema) },
    responses: {
      202: json(SendResponseSchema, 'Accepted: one message per recipient'),
      409: errorResponse('The Idempotency-Key was used for a different request'),
      ...securedErrors,
    },
  })
  app.openapi(
    send,
    async (c) => {
      const principal = c.get('principal')
      const body = c.req.valid('json')
      const idempotencyKey = c.req.valid('header')['idempotency-key']
      const result = await desk.messages.send(principal.accountId, {
        ...toSendRequest(body),
        ...(idempotencyKey ? { idempotencyKey } : {}),
        source: 'api',
        createdBy: principal.userId,
      })
      if (result.replayed) c.header('Idempotent-Replayed', 'true')
      return c.json(sendResultJson(result), 202)
    },
    (result, c) => {
      // Only ever a 422, which every route declares; the cast spares restating each route's typed responses.
      if (!result.success) return validationFailed(c, result.error, result.target, smsStatusForField) as never
    },
  )

  const quote = createRoute({
    method: 'post',
    path: '/messages/quote',
    tags: ['Messages'],
    summary: 'What a send would cost, without sending or charging anything',
    security: bearer,
    middleware: [authorize('read')] as const,
    request: { body: jsonBody(SendBodySchema) },
    responses: {
      200: json(QuoteSchema, 'The quote'),
      ...securedErrors,
    },
  })
  app.openapi(
    quote,
    async (c) =>
      c.json(
        await desk.messages.quote(c.get('principal').accountId, toSendRequest(c.req.valid('json'))),
        200,
      ),
    (result, c) => {
      // Only ever a 422, which every route declares; the cast spares restating each route's typed responses.
      if (!result.success) return validationFailed(c, result.error, result.target, smsStatusForField) as never
    },
  )

  const get = createRoute({
    method: 'get',
    path: '/messages/{id}',
    tags: ['Messages'],
    summary: 'One message with its whole status history',
    security: bearer,
    middleware: [authorize('read')] as const,
    request: { params: IdParamSchema },
    responses: {
      200: json(MessageDetailSchema, 'The message'),
      404: errorResponse('No such message in this account'),
      ...securedErrors,
    },
  })
  // The hottest route: documented through the registry, served without the generic validator (an id is any
  // text; one that names nothing is a 404 like any unknown id), and a repeated look-up comes from the cache.
  app.openAPIRegistry.registerPath(get)
  app.get('/messages/:id', authorize('read'), async (c) => {
    const { accountId } = c.get('principal')
    const id = c.req.param('id')
    const cached = lookups.get(accountId, id)
    if (cached !== undefined) return c.body(cached, 200, JSON_HEADERS)
    const readAt = performance.now()
    const message = await desk.messages.get(accountId, id)
    const json = JSON.stringify(messageDetailJson(message))
    lookups.set(accountId, id, json, readAt, message.final)
    return c.body(json, 200, JSON_HEADERS)
  })

  const list = createRoute({
    method: 'get',
    path: '/messages',
    tags: ['Messages'],
    summary: 'Messages, newest first, with cursor paging',
    security: bearer,
    middleware: [authorize('read')] as const,
    request: { query: MessageListQuerySchema },
    responses: { 200: json(pageOf(MessageSchema, 'MessagePage'), 'A page of messages'), ...securedErrors },
  })
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const page = await desk.messages.list(c.get('principal').accountId, {
      ...(q.recipient ? { recipient: q.recipient } : {}),
      ...(q.batchId ? { batchId: q.batchId } : {}),
      ...(q.status ? { status: statusFilter(q.status) } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    })
    return c.json({ items: page.items.map(messageJson), nextCursor: page.nextCursor }, 200)
  })

  const cancel = createRoute({
    method: 'post',
    path: '/messages/{id}/cancel',
    tags: ['Messages'],
    summary: 'Cancel a queued or scheduled message (203 Canceled, refunded)',
    security: bearer,
    middleware: [authorize('send')] as const,
    request: { params: IdParamSchema },
    responses: {
      200: json(MessageDetailSchema, 'Canceled and refunded'),
      404: errorResponse('No such message in this account'),
      409: errorResponse('Already handed to the gateway or final: it can no longer be canceled'),
      ...securedErrors,
    },
  })
  app.openapi(cancel, async (c) => {
    const message = await desk.messages.cancel(c.get('principal').accountId, c.req.valid('param').id)
    return c.json(messageDetailJson(message), 200)
  })

  return app
}

function toSendRequest(body: z.infer<typeof SendBodySchema>): SendRequest {
  return {
    sender: body.sender,
    body: body.body ?? '',
    ...(body.template !== undefined ? { template: body.template } : {}),
    ...(body.variables !== undefined ? { variables: body.variables } : {}),
    ...(body.recipients ? { recipients: body.recipients } : {}),
    ...(body.groups ? { groups: body.groups } : {}),
    ...(body.sendAt ? { sendAt: new Date(body.sendAt) } : {}),
    ...(body.validityHours !== undefined ? { validityHours: body.validityHours } : {}),
    ...(body.reference !== undefined ? { reference: body.reference } : {}),
    ...(body.statusCallbackUrl !== undefined ? { statusCallbackUrl: body.statusCallbackUrl } : {}),
    ...(body.purpose !== undefined ? { purpose: body.purpose } : {}),
  }
}

function statusFilter(value: string): number {
  if (/^\d{3}$/.test(value)) return Number(value)
  const status = statusByName(value)
  if (!status) {
    throw new DeskError(
      'InvalidRequest',
      `Unknown status "${value}": use a code such as 201 or a name such as DeliveredToHandset.`,
    )
  }
  return status.code
}
