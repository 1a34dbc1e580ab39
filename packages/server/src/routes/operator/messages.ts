/** Operator routes that read across accounts: messages with their account and history, inbound SMS, the audit log. */
import { createRoute, z } from '@hono/zod-openapi'
import { newRouter, type RouteDeps } from '../../http/router.ts'
import { CursorSchema, IdParamSchema, json, LimitSchema, pageOf } from '../../schemas/common.ts'
import {
  AuditEntrySchema,
  auditJson,
  InboundSchema,
  inboundJson,
  OperatorMessageSchema,
  operatorMessageJson,
} from '../../schemas/operator.ts'
import { operatorBearer, operatorErrors, TAG } from './shared.ts'

export function operatorMessageRoutes({ desk }: Pick<RouteDeps, 'desk'>) {
  const app = newRouter()

  const get = createRoute({
    method: 'get',
    path: '/messages/{id}',
    tags: [TAG],
    summary: 'Any account’s message, with its account and whole history',
    security: operatorBearer,
    request: { params: IdParamSchema },
    responses: { 200: json(OperatorMessageSchema, 'The message'), ...operatorErrors },
  })
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    c.set('auditTarget', id)
    const message = await desk.operator.messages.get(id)
    c.set('auditAccountId', message.account.id)
    return c.json(operatorMessageJson(message), 200)
  })

  const list = createRoute({
    method: 'get',
    path: '/messages',
    tags: [TAG],
    summary: 'Messages across accounts, newest first, each with its account and history',
    security: operatorBearer,
    request: {
      query: z.object({
        recipient: z.string().max(40).optional(),
        accountId: z.string().max(100).optional(),
        status: z.coerce.number().int().optional(),
        limit: LimitSchema,
        cursor: CursorSchema,
      }),
    },
    responses: {
      200: json(pageOf(OperatorMessageSchema, 'OperatorMessagePage'), 'A page'),
      ...operatorErrors,
    },
  })
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    if (q.accountId) c.set('auditAccountId', q.accountId)
    if (q.recipient) c.set('auditTarget', q.recipient)
    const page = await desk.operator.messages.list({
      ...(q.recipient ? { recipient: q.recipient } : {}),
      ...(q.accountId ? { accountId: q.accountId } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    })
    return c.json({ items: page.items.map(operatorMessageJson), nextCursor: page.nextCursor }, 200)
  })

  const inbound = createRoute({
    method: 'get',
    path: '/inbound',
    tags: [TAG],
    summary: 'Inbound SMS across accounts; `unassigned=true` for those to numbers no account owns',
    security: operatorBearer,
    request: {
      query: z.object({
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
        unassigned: z.enum(['true', 'false']).optional(),
        limit: LimitSchema,
      }),
    },
    responses: { 200: json(z.object({ items: z.array(InboundSchema) }), 'Newest first'), ...operatorErrors },
  })
  app.openapi(inbound, async (c) => {
    const q = c.req.valid('query')
    const items = await desk.operator.messages.inbound({
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.unassigned === 'true' ? { unassigned: true } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
    })
    return c.json({ items: items.map(inboundJson) }, 200)
  })

  const audit = createRoute({
    method: 'get',
    path: '/audit',
    tags: [TAG],
    summary: 'The audit log, newest first: every operator call and cross-account look-up',
    security: operatorBearer,
    request: {
      query: z.object({
        accountId: z.string().max(100).optional(),
        limit: LimitSchema,
        cursor: CursorSchema,
      }),
    },
    responses: { 200: json(pageOf(AuditEntrySchema, 'AuditPage'), 'A page'), ...operatorErrors },
  })
  app.openapi(audit, async (c) => {
    const q = c.req.valid('query')
    const page = await desk.audit.list({
      ...(q.accountId ? { accountId: q.accountId } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    })
    return c.json({ items: page.items.map(auditJson), nextCursor: page.nextCursor }, 200)
  })

  return app
}
