/** `/api/v1/users` and `/api/v1/api-keys` (admin): people with a role, and the keys they call the API with. */
import { createRoute, z } from '@hono/zod-openapi'
import { newRouter, type RouteDeps } from '../http/router.ts'
import {
  ApiKeySchema,
  apiKeyJson,
  IssuedKeySchema,
  NewUserBodySchema,
  UserSchema,
  userJson,
} from '../schemas/account.ts'
import { bearer, errorResponse, IdParamSchema, json, jsonBody, securedErrors } from '../schemas/common.ts'

const NewKeyBodySchema = z
  .strictObject({ userId: z.string().min(1).max(100).openapi({ description: 'The user the key acts as' }) })
  .openapi('NewApiKey')

export function userRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()

  const listUsers = createRoute({
    method: 'get',
    path: '/users',
    tags: ['Users and keys'],
    summary: 'The account’s users',
    security: bearer,
    middleware: [authorize('manage_users')] as const,
    responses: { 200: json(z.object({ items: z.array(UserSchema) }), 'Users'), ...securedErrors },
  })
  app.openapi(listUsers, async (c) => {
    const users = await desk.users.list(c.get('principal').accountId)
    return c.json({ items: users.map(userJson) }, 200)
  })

  const createUser = createRoute({
    method: 'post',
    path: '/users',
    tags: ['Users and keys'],
    summary: 'Add a user with a role: viewer reads, sender also sends, admin also manages money and people',
    security: bearer,
    middleware: [authorize('manage_users')] as const,
    request: { body: jsonBody(NewUserBodySchema) },
    responses: { 201: json(UserSchema, 'The new user'), ...securedErrors },
  })
  app.openapi(createUser, async (c) => {
    const user = await desk.users.create(c.get('principal').accountId, c.req.valid('json'))
    return c.json(userJson(user), 201)
  })

  const listKeys = createRoute({
    method: 'get',
    path: '/api-keys',
    tags: ['Users and keys'],
    summary: 'The account’s API keys (never the keys themselves)',
    security: bearer,
    middleware: [authorize('manage_users')] as const,
    responses: { 200: json(z.object({ items: z.array(ApiKeySchema) }), 'API keys'), ...securedErrors },
  })
  app.openapi(listKeys, async (c) => {
    const keys = await desk.apiKeys.list(c.get('principal').accountId)
    return c.json({ items: keys.map(apiKeyJson) }, 200)
  })

  const issueKey = createRoute({
    method: 'post',
    path: '/api-keys',
    tags: ['Users and keys'],
    summary: 'Issue an API key for a user; the key is in this answer only',
    security: bearer,
    middleware: [authorize('manage_users')] as const,
    request: { body: jsonBody(NewKeyBodySchema) },
    responses: {
      201: json(IssuedKeySchema, 'The key, shown once'),
      404: errorResponse('No such user in this account'),
      ...securedErrors,
    },
  })
  app.openapi(issueKey, async (c) => {
    const { key, info } = await desk.apiKeys.issue(c.get('principal').accountId, c.req.valid('json').userId)
    c.header('Cache-Control', 'no-store')
    return c.json({ key, info: apiKeyJson(info) }, 201)
  })

  const revokeKey = createRoute({
    method: 'delete',
    path: '/api-keys/{id}',
    tags: ['Users and keys'],
    summary: 'Revoke an API key at once',
    security: bearer,
    middleware: [authorize('manage_users')] as const,
    request: { params: IdParamSchema },
    responses: {
      204: { description: 'Revoked (also when it already was)' },
      404: errorResponse('No such key in this account'),
      ...securedErrors,
    },
  })
  app.openapi(revokeKey, async (c) => {
    const { id } = c.req.valid('param')
    await desk.apiKeys.revoke(c.get('principal').accountId, id)
    authorize.forget(id)
    return c.body(null, 204)
  })

  return app
}
