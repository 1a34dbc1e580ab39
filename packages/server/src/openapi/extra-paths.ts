/** The operations not built with zod-openapi — probes, metrics, FAQ, widget config, iP1 webhooks — described by hand. */
type Json = Record<string, unknown>

const ERROR = { $ref: '#/components/schemas/Error' }
const jsonOf = (schema: Json, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const errorOf = (description: string) => jsonOf(ERROR, description)
const str = { type: 'string' }
const nullableStr = { type: ['string', 'null'] }
const int = { type: 'integer' }
const lang = {
  name: 'lang',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: ['sv', 'en'], default: 'sv' },
}
const obj = (properties: Json, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
})
const pub = { security: [] }

const Health = obj({ status: { type: 'string', enum: ['ok', 'unavailable'] }, database: str }, ['status'])
const Readiness = obj({
  status: { type: 'string', enum: ['ready', 'unavailable'] },
  database: { type: 'string', enum: ['ok', 'unreachable'] },
  migrations: { type: 'string', enum: ['ok', 'pending', 'unknown'] },
  dispatcher: { type: 'string', enum: ['running', 'stopped', 'unknown'] },
})
const FaqHit = {
  type: 'object',
  description: 'An article or a status-code answer',
  additionalProperties: true,
}

function webhook(kind: 'delivery-reports' | 'inbound', withSecret: boolean): Json {
  const reports = kind === 'delivery-reports'
  const tally = reports
    ? obj({ received: int, recorded: int, duplicate: int, unknown: int })
    : obj({ received: int, results: { type: 'array', items: obj({ id: str, action: str }) } })
  return {
    post: {
      operationId: `${reports ? 'ip1DeliveryReports' : 'ip1Inbound'}${withSecret ? 'WithPathSecret' : ''}`,
      tags: ['iP1 webhooks'],
      summary: reports ? 'Delivery reports pushed by iP1' : 'Inbound SMS pushed by iP1',
      description: withSecret
        ? 'The shared WEBHOOK_SECRET is the last path segment (for iP1 settings that take a URL only).'
        : 'The shared WEBHOOK_SECRET comes in the `X-Webhook-Secret` header.',
      security: withSecret ? [] : [{ WebhookSecret: [] }],
      ...(withSecret ? { parameters: [{ name: 'secret', in: 'path', required: true, schema: str }] } : {}),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { description: 'iP1’s JSON, one object or an array' } } },
      },
      responses: {
        200: jsonOf(tally, 'What was done with each item'),
        400: errorOf('The body is not JSON'),
        401: errorOf('Missing or wrong webhook secret'),
        404: errorOf('The webhooks are off (WEBHOOK_SECRET is not set)'),
      },
    },
  }
}

/** Paths keyed as in an OpenAPI document, to merge into the generated one. */
export const EXTRA_PATHS: Record<string, Json> = {
  '/healthz': {
    get: {
      operationId: 'health',
      tags: ['Operations'],
      summary: 'Is the database answering? (liveness with a database check)',
      ...pub,
      responses: { 200: jsonOf(Health, 'Healthy'), 503: jsonOf(Health, 'The database does not answer') },
    },
  },
  '/healthz/live': {
    get: {
      operationId: 'liveness',
      tags: ['Operations'],
      summary: 'Is the process up?',
      ...pub,
      responses: { 200: jsonOf(Health, 'Up') },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readiness',
      tags: ['Operations'],
      summary: 'May this instance take traffic? Database, migrations, dispatcher',
      ...pub,
      responses: {
        200: jsonOf(Readiness, 'Ready'),
        503: jsonOf(Readiness, 'Not ready; the failing parts say why'),
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['Operations'],
      summary: 'Prometheus metrics (off unless METRICS_TOKEN is set)',
      security: [{ MetricsToken: [] }],
      responses: {
        200: { description: 'Prometheus text format', content: { 'text/plain': { schema: str } } },
        401: errorOf('Missing or wrong METRICS_TOKEN'),
        404: errorOf('Metrics are off'),
      },
    },
  },
  '/api/v1/widget/config': {
    get: {
      operationId: 'getWidgetConfig',
      tags: ['Widget'],
      summary: 'What the help widget shows in its “Contact support” card',
      ...pub,
      responses: {
        200: jsonOf(
          obj(
            {
              support: obj({ phone: nullableStr, email: nullableStr, hours: nullableStr }),
              chat: {
                type: 'boolean',
                description: 'Whether the widget offers “Ask support” (SUPPORT_ENABLED)',
              },
            },
            ['support'],
          ),
          'Config',
        ),
      },
    },
  },
  '/api/v1/widget/faq/feedback': {
    post: {
      operationId: 'recordFaqFeedback',
      tags: ['Widget'],
      summary: 'Count one “Did this help?” answer for an article (no personal data)',
      ...pub,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: obj({
              article: { type: 'string', pattern: '^[a-z0-9-]{1,80}\\.(sv|en)$', example: 'blocklist.sv' },
              lang: { type: 'string', enum: ['sv', 'en'] },
              helpful: { type: 'boolean' },
            }),
          },
        },
      },
      responses: {
        204: { description: 'Counted' },
        404: errorOf('No such article'),
        413: errorOf('The body is larger than 1024 bytes'),
        422: errorOf('The body is invalid'),
        429: errorOf('Too many requests from this address'),
      },
    },
  },
  '/api/v1/widget/faq/miss': {
    post: {
      operationId: 'recordFaqMiss',
      tags: ['Widget'],
      summary: 'Report a search the customer settled on; counted when the FAQ has no good answer for it',
      description:
        'The server searches again and decides; the query is stored normalised (lower-case, digits, e-mail ' +
        'addresses, links and phone numbers replaced).',
      ...pub,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: obj({
              query: { type: 'string', minLength: 1, maxLength: 200 },
              lang: { type: 'string', enum: ['sv', 'en'] },
            }),
          },
        },
      },
      responses: {
        204: { description: 'Received' },
        413: errorOf('The body is larger than 1024 bytes'),
        422: errorOf('The body is invalid'),
        429: errorOf('Too many requests from this address'),
      },
    },
  },
  '/api/v1/faq/search': {
    get: {
      operationId: 'searchFaq',
      tags: ['FAQ'],
      summary: 'Search the FAQ; a status code or name gets its explanation first',
      ...pub,
      parameters: [
        { name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 200 } },
        lang,
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50 } },
      ],
      responses: {
        200: jsonOf(obj({ query: str, lang: str, results: { type: 'array', items: FaqHit } }), 'Results'),
        422: errorOf('A parameter is invalid'),
      },
    },
  },
  '/api/v1/faq/articles': {
    get: {
      operationId: 'listFaqArticles',
      tags: ['FAQ'],
      summary: 'Every FAQ article in a language',
      ...pub,
      parameters: [lang],
      responses: {
        200: jsonOf(obj({ lang: str, articles: { type: 'array', items: FaqHit } }), 'Articles'),
        422: errorOf('A parameter is invalid'),
      },
    },
  },
  '/api/v1/faq/articles/{id}': {
    get: {
      operationId: 'getFaqArticle',
      tags: ['FAQ'],
      summary: 'One FAQ article as safe HTML',
      ...pub,
      parameters: [{ name: 'id', in: 'path', required: true, schema: str }, lang],
      responses: {
        200: jsonOf(obj({ id: str, lang: str, html: str }, ['id', 'lang', 'html']), 'The article'),
        404: errorOf('No such article'),
        422: errorOf('A parameter is invalid'),
      },
    },
  },
  '/webhooks/ip1/delivery-reports': webhook('delivery-reports', false),
  '/webhooks/ip1/delivery-reports/{secret}': webhook('delivery-reports', true),
  '/webhooks/ip1/inbound': webhook('inbound', false),
  '/webhooks/ip1/inbound/{secret}': webhook('inbound', true),
}
