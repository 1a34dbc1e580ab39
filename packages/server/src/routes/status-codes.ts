/** `/api/v1/status-codes`: the public catalogue of SMS status codes, in Swedish and English. No key needed. */
import { createRoute, z } from '@hono/zod-openapi'
import { describeStatus, lookupStatus, STATUSES } from '@smsdesk/core/status'
import { newRouter } from '../http/router.ts'
import { ErrorSchema, errorResponse, json } from '../schemas/common.ts'

const TextSchema = z.object({ meaning: z.string(), action: z.string() })

const StatusSchema = z
  .object({
    code: z.number().int().openapi({ example: 201 }),
    name: z.string().openapi({ example: 'DeliveredToHandset' }),
    group: z.enum(['Info', 'Success', 'Rejection', 'Error']),
    final: z.boolean().openapi({ description: 'A final status never changes again' }),
    text: z.object({ sv: TextSchema, en: TextSchema }),
    legacyName: z.string().optional().openapi({ description: 'Set when looked up by an old Web SMS name' }),
  })
  .openapi('StatusCode')

type StatusJson = z.infer<typeof StatusSchema>

export function statusCodeRoutes() {
  const app = newRouter()

  const list = createRoute({
    method: 'get',
    path: '/status-codes',
    tags: ['Status codes'],
    summary: 'Every status code a message can have',
    responses: { 200: json(z.object({ items: z.array(StatusSchema) }), 'The catalogue') },
  })
  app.openapi(list, (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json({ items: STATUSES.map((s) => statusJson(s)) }, 200)
  })

  const one = createRoute({
    method: 'get',
    path: '/status-codes/{codeOrName}',
    tags: ['Status codes'],
    summary: 'One status by code (201), name (DeliveredToHandset) or old Web SMS name (Levererad)',
    request: {
      params: z.object({
        codeOrName: z
          .string()
          .min(1)
          .max(60)
          .openapi({ param: { name: 'codeOrName', in: 'path' }, example: '201' }),
      }),
    },
    responses: {
      200: json(StatusSchema, 'The status'),
      404: {
        ...errorResponse('No such status; the message explains what the code’s first digit means'),
        content: { 'application/json': { schema: ErrorSchema } },
      },
    },
  })
  app.openapi(one, (c) => {
    const query = c.req.valid('param').codeOrName
    const found = lookupStatus(query)
    if (found) {
      c.header('Cache-Control', 'public, max-age=3600')
      return c.json(statusJson(found, found.legacy?.name), 200)
    }
    return c.json({ error: { code: 'NotFound', message: unknownStatusMessage(query) } }, 404)
  })

  return app
}

function statusJson(s: (typeof STATUSES)[number], legacyName?: string): StatusJson {
  return {
    code: s.code,
    name: s.name,
    group: s.group,
    final: s.final,
    text: { sv: { ...s.text.sv }, en: { ...s.text.en } },
    ...(legacyName ? { legacyName } : {}),
  }
}

function unknownStatusMessage(query: string): string {
  const list = 'GET /api/v1/status-codes lists every code.'
  if (/^\d+$/.test(query)) {
    const described = describeStatus(Number(query), 'en')
    return `${query} is not a known status code. ${described.meaning} ${list}`
  }
  return `"${query}" is not a status code, name or old Web SMS name (try 201, DeliveredToHandset or Levererad). ${list}`
}
