/** `/api/v1/contacts` and `/api/v1/groups`: the address book, scoped to the key's account. */
import { createRoute, z } from '@hono/zod-openapi'
import type { ContactInput } from '@smsdesk/core'
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
  ContactPatchBodySchema,
  ContactQuerySchema,
  ContactSchema,
  contactJson,
  GroupSchema,
  groupJson,
  NewContactBodySchema,
} from '../schemas/contacts.ts'

const notFound = { 404: errorResponse('No such contact in this account') }
const conflict = { 409: errorResponse('Another contact already has this number') }

export function contactRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()

  const list = createRoute({
    method: 'get',
    path: '/contacts',
    tags: ['Contacts'],
    summary: 'Contacts, optionally searched or filtered by group',
    security: bearer,
    middleware: [authorize('read')] as const,
    request: { query: ContactQuerySchema },
    responses: { 200: json(pageOf(ContactSchema, 'ContactPage'), 'A page of contacts'), ...securedErrors },
  })
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const page = await desk.contacts.list(c.get('principal').accountId, {
      ...(q.search ? { search: q.search } : {}),
      ...(q.group ? { group: q.group } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    })
    return c.json({ items: page.items.map(contactJson), nextCursor: page.nextCursor }, 200)
  })

  const create = createRoute({
    method: 'post',
    path: '/contacts',
    tags: ['Contacts'],
    summary: 'Add a contact',
    security: bearer,
    middleware: [authorize('edit_contacts')] as const,
    request: { body: jsonBody(NewContactBodySchema) },
    responses: { 201: json(ContactSchema, 'The new contact'), ...conflict, ...securedErrors },
  })
  app.openapi(create, async (c) => {
    const contact = await desk.contacts.create(
      c.get('principal').accountId,
      c.req.valid('json') as ContactInput,
    )
    return c.json(contactJson(contact), 201)
  })

  const get = createRoute({
    method: 'get',
    path: '/contacts/{id}',
    tags: ['Contacts'],
    summary: 'One contact',
    security: bearer,
    middleware: [authorize('read')] as const,
    request: { params: IdParamSchema },
    responses: { 200: json(ContactSchema, 'The contact'), ...notFound, ...securedErrors },
  })
  app.openapi(get, async (c) => {
    const contact = await desk.contacts.get(c.get('principal').accountId, c.req.valid('param').id)
    return c.json(contactJson(contact), 200)
  })

  const update = createRoute({
    method: 'patch',
    path: '/contacts/{id}',
    tags: ['Contacts'],
    summary: 'Change some of a contact’s fields; `groups` replaces the list',
    security: bearer,
    middleware: [authorize('edit_contacts')] as const,
    request: { params: IdParamSchema, body: jsonBody(ContactPatchBodySchema) },
    responses: { 200: json(ContactSchema, 'The contact'), ...notFound, ...conflict, ...securedErrors },
  })
  app.openapi(update, async (c) => {
    const contact = await desk.contacts.update(
      c.get('principal').accountId,
      c.req.valid('param').id,
      c.req.valid('json') as Partial<ContactInput>,
    )
    return c.json(contactJson(contact), 200)
  })

  const remove = createRoute({
    method: 'delete',
    path: '/contacts/{id}',
    tags: ['Contacts'],
    summary: 'Delete a contact',
    security: bearer,
    middleware: [authorize('edit_contacts')] as const,
    request: { params: IdParamSchema },
    responses: { 204: { description: 'Deleted' }, ...notFound, ...securedErrors },
  })
  app.openapi(remove, async (c) => {
    await desk.contacts.delete(c.get('principal').accountId, c.req.valid('param').id)
    return c.body(null, 204)
  })

  const groups = createRoute({
    method: 'get',
    path: '/groups',
    tags: ['Contacts'],
    summary: 'Contact groups with member counts',
    security: bearer,
    middleware: [authorize('read')] as const,
    responses: { 200: json(z.object({ items: z.array(GroupSchema) }), 'Groups'), ...securedErrors },
  })
  app.openapi(groups, async (c) => {
    const list = await desk.groups.list(c.get('principal').accountId)
    return c.json({ items: list.map(groupJson) }, 200)
  })

  return app
}
