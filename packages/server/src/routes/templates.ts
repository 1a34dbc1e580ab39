/** `/api/v1/templates`: the account's saved message texts, used by `template` on a send. */
import { createRoute, z } from '@hono/zod-openapi'
import { newRouter, type RouteDeps } from '../http/router.ts'
import { bearer, errorResponse, json, jsonBody, securedErrors } from '../schemas/common.ts'
import {
  TemplateBodySchema,
  TemplateNameParamSchema,
  TemplateSchema,
  templateJson,
} from '../schemas/templates.ts'

const TAGS = ['Templates']

export function templateRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()

  const list = createRoute({
    method: 'get',
    path: '/templates',
    tags: TAGS,
    summary: 'The account’s templates, by name',
    security: bearer,
    middleware: [authorize('read')] as const,
    responses: { 200: json(z.object({ items: z.array(TemplateSchema) }), 'The templates'), ...securedErrors },
  })
  app.openapi(list, async (c) => {
    const items = await desk.templates.list(c.get('principal').accountId)
    return c.json({ items: items.map(templateJson) }, 200)
  })

  const get = createRoute({
    method: 'get',
    path: '/templates/{name}',
    tags: TAGS,
    summary: 'One template',
    security: bearer,
    middleware: [authorize('read')] as const,
    request: { params: TemplateNameParamSchema },
    responses: {
      200: json(TemplateSchema, 'The template'),
      404: errorResponse('No such template'),
      ...securedErrors,
    },
  })
  app.openapi(get, async (c) => {
    const template = await desk.templates.get(c.get('principal').accountId, c.req.valid('param').name)
    return c.json(templateJson(template), 200)
  })

  const save = createRoute({
    method: 'put',
    path: '/templates/{name}',
    tags: TAGS,
    summary: 'Save a template under a name (replaces one of that name)',
    security: bearer,
    middleware: [authorize('send')] as const,
    request: { params: TemplateNameParamSchema, body: jsonBody(TemplateBodySchema) },
    responses: { 200: json(TemplateSchema, 'Saved'), ...securedErrors },
  })
  app.openapi(save, async (c) => {
    const template = await desk.templates.save(c.get('principal').accountId, {
      name: c.req.valid('param').name,
      body: c.req.valid('json').body,
    })
    return c.json(templateJson(template), 200)
  })

  const remove = createRoute({
    method: 'delete',
    path: '/templates/{name}',
    tags: TAGS,
    summary: 'Delete a template',
    security: bearer,
    middleware: [authorize('send')] as const,
    request: { params: TemplateNameParamSchema },
    responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such template'), ...securedErrors },
  })
  app.openapi(remove, async (c) => {
    await desk.templates.delete(c.get('principal').accountId, c.req.valid('param').name)
    return c.body(null, 204)
  })

  return app
}
