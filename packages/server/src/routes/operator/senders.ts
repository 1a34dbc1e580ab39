/** Operator routes for an account's senders, North-America campaign and virtual numbers. */
import { createRoute, z } from '@hono/zod-openapi'
import { operatorOnly } from '../../http/operator-auth.ts'
import { newRouter, type RouteDeps } from '../../http/router.ts'
import { errorResponse, json, jsonBody } from '../../schemas/common.ts'
import {
  CampaignBodySchema,
  OperatorAccountSchema,
  operatorAccountJson,
  SenderDecisionSchema,
  SenderSchema,
  senderJson,
} from '../../schemas/operator.ts'
import { AccountParamSchema, accountFromPath, operatorBearer, operatorErrors, TAG } from './shared.ts'

const SenderParamSchema = AccountParamSchema.extend({
  sender: z
    .string()
    .min(1)
    .max(20)
    .openapi({ param: { name: 'sender', in: 'path' }, example: 'Acme' }),
})

const NumberParamSchema = AccountParamSchema.extend({
  number: z
    .string()
    .min(1)
    .max(30)
    .openapi({ param: { name: 'number', in: 'path' }, example: '+46700000042' }),
})

export function operatorSenderRoutes({ desk }: Pick<RouteDeps, 'desk'>) {
  const app = newRouter()

  const list = createRoute({
    method: 'get',
    path: '/accounts/{id}/senders',
    tags: [TAG],
    summary: 'The senders the account asked for, with their state',
    security: operatorBearer,
    request: { params: AccountParamSchema },
    responses: { 200: json(z.object({ items: z.array(SenderSchema) }), 'Senders'), ...operatorErrors },
  })
  app.openapi(list, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    return c.json({ items: (await desk.senders.list(account.id)).map(senderJson) }, 200)
  })

  const decide = createRoute({
    method: 'put',
    path: '/accounts/{id}/senders/{sender}',
    tags: [TAG],
    summary: 'Approve or reject a sender',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: SenderParamSchema, body: jsonBody(SenderDecisionSchema) },
    responses: { 200: json(SenderSchema, 'The decision'), ...operatorErrors },
  })
  app.openapi(decide, async (c) => {
    const { id, sender } = c.req.valid('param')
    const account = await accountFromPath(c, desk, id)
    c.set('auditTarget', sender)
    const { status, note } = c.req.valid('json')
    return c.json(
      senderJson(await desk.senders.decide(account.id, sender, { status, note: note ?? null })),
      200,
    )
  })

  const bookCampaign = createRoute({
    method: 'put',
    path: '/accounts/{id}/campaigns/north-america',
    tags: [TAG],
    summary: 'Book the North-America campaign: +1 recipients are accepted until it ends',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: {
      params: AccountParamSchema,
      body: { required: false, content: { 'application/json': { schema: CampaignBodySchema } } },
    },
    responses: { 200: json(OperatorAccountSchema, 'The account'), ...operatorErrors },
  })
  app.openapi(bookCampaign, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    const { until } = c.req.valid('json') ?? {}
    const booked = await desk.operator.accounts.bookNaCampaign(account.id, until ? new Date(until) : null)
    return c.json(operatorAccountJson(booked), 200)
  })

  const endCampaign = createRoute({
    method: 'delete',
    path: '/accounts/{id}/campaigns/north-america',
    tags: [TAG],
    summary: 'End the North-America campaign: +1 recipients are refused (406) from now on',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: AccountParamSchema },
    responses: { 200: json(OperatorAccountSchema, 'The account'), ...operatorErrors },
  })
  app.openapi(endCampaign, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    return c.json(operatorAccountJson(await desk.operator.accounts.endNaCampaign(account.id)), 200)
  })

  const assign = createRoute({
    method: 'put',
    path: '/accounts/{id}/virtual-numbers/{number}',
    tags: [TAG],
    summary: 'Assign a virtual number to the account (inbound SMS to it reach the account)',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: NumberParamSchema },
    responses: {
      200: json(OperatorAccountSchema, 'The account'),
      409: errorResponse('The number belongs to another account'),
      ...operatorErrors,
    },
  })
  app.openapi(assign, async (c) => {
    const { id, number } = c.req.valid('param')
    const account = await accountFromPath(c, desk, id)
    c.set('auditTarget', number)
    return c.json(operatorAccountJson(await desk.operator.accounts.assignNumber(account.id, number)), 200)
  })

  const release = createRoute({
    method: 'delete',
    path: '/accounts/{id}/virtual-numbers/{number}',
    tags: [TAG],
    summary: 'Release a virtual number from the account',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: NumberParamSchema },
    responses: { 200: json(OperatorAccountSchema, 'The account'), ...operatorErrors },
  })
  app.openapi(release, async (c) => {
    const { id, number } = c.req.valid('param')
    const account = await accountFromPath(c, desk, id)
    c.set('auditTarget', number)
    return c.json(operatorAccountJson(await desk.operator.accounts.releaseNumber(account.id, number)), 200)
  })

  return app
}
