/** Operator routes for accounts: create, search, read, change (name, suspension, prices, sender policy), users and keys. */
import { createRoute, z } from '@hono/zod-openapi'
import { operatorOnly } from '../../http/operator-auth.ts'
import { newRouter, type RouteDeps } from '../../http/router.ts'
import {
  apiKeyJson,
  IssuedKeySchema,
  NewUserBodySchema,
  UserSchema,
  userJson,
} from '../../schemas/account.ts'
import { errorResponse, json, jsonBody } from '../../schemas/common.ts'
import {
  AccountPatchSchema,
  NewAccountBodySchema,
  OperatorAccountSchema,
  operatorAccountJson,
} from '../../schemas/operator.ts'
import { AccountParamSchema, accountFromPath, operatorBearer, operatorErrors, TAG } from './shared.ts'

const NewKeyBodySchema = z.strictObject({ userId: z.string().min(1).max(100) }).openapi('OperatorNewApiKey')

export function operatorAccountRoutes({ desk }: Pick<RouteDeps, 'desk'>) {
  const app = newRouter()

  const create = createRoute({
    method: 'post',
    path: '/accounts',
    tags: [TAG],
    summary: 'Create a customer account; a customer number is generated when none is given',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { body: jsonBody(NewAccountBodySchema) },
    responses: {
      201: json(OperatorAccountSchema, 'The new account'),
      409: errorResponse('The customer number belongs to another account'),
      ...operatorErrors,
    },
  })
  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const account = await desk.operator.accounts.create({
      name: body.name,
      ...(body.customerNumber ? { customerNumber: body.customerNumber } : {}),
      ...(body.currency ? { currency: body.currency } : {}),
      ...(body.priceList ? { priceList: body.priceList } : {}),
    })
    c.set('auditAccountId', account.id)
    return c.json(operatorAccountJson(account), 201)
  })

  const search = createRoute({
    method: 'get',
    path: '/accounts',
    tags: [TAG],
    summary: 'Find accounts by name or customer number (newest first, at most 100)',
    security: operatorBearer,
    request: { query: z.object({ search: z.string().max(200).optional() }) },
    responses: {
      200: json(z.object({ items: z.array(OperatorAccountSchema) }), 'Matching accounts'),
      ...operatorErrors,
    },
  })
  app.openapi(search, async (c) => {
    const { search: text } = c.req.valid('query')
    if (text) c.set('auditTarget', text)
    const accounts = await desk.operator.accounts.search(text)
    return c.json({ items: accounts.map(operatorAccountJson) }, 200)
  })

  const get = createRoute({
    method: 'get',
    path: '/accounts/{id}',
    tags: [TAG],
    summary: 'One account, by id or customer number',
    security: operatorBearer,
    request: { params: AccountParamSchema },
    responses: { 200: json(OperatorAccountSchema, 'The account'), ...operatorErrors },
  })
  app.openapi(get, async (c) =>
    c.json(operatorAccountJson(await accountFromPath(c, desk, c.req.valid('param').id)), 200),
  )

  const patch = createRoute({
    method: 'patch',
    path: '/accounts/{id}',
    tags: [TAG],
    summary: 'Change the name, suspend or reactivate, banned words, the price list or the sender policy',
    description:
      'A suspended account’s sends are refused with `AccountSuspended`; reads still work. A new price list applies ' +
      'to sends accepted after it, never to messages already funded.',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: AccountParamSchema, body: jsonBody(AccountPatchSchema) },
    responses: { 200: json(OperatorAccountSchema, 'The account after the change'), ...operatorErrors },
  })
  app.openapi(patch, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    const changed = await desk.operator.accounts.update(account.id, c.req.valid('json'))
    return c.json(operatorAccountJson(changed), 200)
  })

  const createUser = createRoute({
    method: 'post',
    path: '/accounts/{id}/users',
    tags: [TAG],
    summary: 'Add a user to the account (admin, sender or viewer)',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: AccountParamSchema, body: jsonBody(NewUserBodySchema) },
    responses: { 201: json(UserSchema, 'The new user'), ...operatorErrors },
  })
  app.openapi(createUser, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    const user = await desk.users.create(account.id, c.req.valid('json'))
    c.set('auditTarget', user.id)
    return c.json(userJson(user), 201)
  })

  const issueKey = createRoute({
    method: 'post',
    path: '/accounts/{id}/api-keys',
    tags: [TAG],
    summary: 'Issue an API key for a user of the account; the key is in this answer only',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: AccountParamSchema, body: jsonBody(NewKeyBodySchema) },
    responses: { 201: json(IssuedKeySchema, 'The key, shown once'), ...operatorErrors },
  })
  app.openapi(issueKey, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    const { userId } = c.req.valid('json')
    c.set('auditTarget', userId)
    const { key, info } = await desk.apiKeys.issue(account.id, userId)
    c.header('Cache-Control', 'no-store')
    return c.json({ key, info: apiKeyJson(info) }, 201)
  })

  return app
}
