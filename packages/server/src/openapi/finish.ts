/**
 * Completes the generated OpenAPI document: operation ids, explicit `security: []` on public operations, the
 * hand-described paths, rate-limit and idempotency headers, and the status callbacks under `webhooks`.
 */
import { EXTRA_PATHS } from './extra-paths.ts'
import { operationIdFor } from './operation-ids.ts'
import { SUPPORT_PATHS } from './support-paths.ts'

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked as plain JSON here.
type Json = Record<string, any>

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const HEADERS = {
  'RateLimit-Limit': {
    description: 'Requests allowed per minute for this API key',
    schema: { type: 'integer' },
  },
  'RateLimit-Remaining': { description: 'Requests left in the current minute', schema: { type: 'integer' } },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
}

const ref = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` })

/** The document as served; `doc` is zod-openapi's output and is changed in place. */
export function finishDocument(doc: Json): Json {
  doc.paths = { ...doc.paths, ...EXTRA_PATHS, ...SUPPORT_PATHS }
  doc.components ??= {}
  doc.components.headers = HEADERS
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    MetricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN' },
    WebhookSecret: {
      type: 'apiKey',
      in: 'header',
      name: 'X-Webhook-Secret',
      description: 'The WEBHOOK_SECRET',
    },
  }
  doc.components.schemas = { ...doc.components.schemas, StatusCallback: STATUS_CALLBACK }
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      // zod-openapi copies a route's `middleware` into the document when the route is only registered.
      delete op.middleware
      op.operationId ??= operationIdFor(method, path)
      op.security ??= []
      const keyed = op.security.some((s: Json) => 'Bearer' in s)
      for (const [status, response] of Object.entries(op.responses as Json)) {
        if (!keyed) continue
        response.headers = {
          ...response.headers,
          'RateLimit-Limit': ref('RateLimit-Limit'),
          'RateLimit-Remaining': ref('RateLimit-Remaining'),
          ...(status === '429' ? { 'Retry-After': ref('Retry-After') } : {}),
          ...(method === 'post' && path === '/api/v1/messages' && status.startsWith('2')
            ? { 'Idempotent-Replayed': ref('Idempotent-Replayed') }
            : {}),
        }
      }
    }
  }
  doc.webhooks = { messageStatus: { post: STATUS_CALLBACK_OPERATION } }
  return doc
}

const STATUS_CALLBACK = {
  type: 'object',
  description:
    'POSTed to a message’s statusCallbackUrl on every status change, in order, signed (Standard Webhooks)',
  properties: {
    event: { type: 'string', enum: ['message.status'] },
    messageId: { type: 'string' },
    batchId: { type: 'string' },
    reference: { type: ['string', 'null'] },
    recipient: { type: 'string' },
    status: {
      type: 'object',
      properties: { code: { type: 'integer' }, name: { type: 'string' } },
      required: ['code', 'name'],
    },
    final: { type: 'boolean' },
    at: { type: 'string', format: 'date-time' },
  },
  required: ['event', 'messageId', 'batchId', 'reference', 'recipient', 'status', 'final', 'at'],
}

const header = (name: string, description: string, example: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
  example,
})

const STATUS_CALLBACK_OPERATION = {
  operationId: 'messageStatusCallback',
  // Signed by us, not called by a client: nothing for the receiver to authenticate with but the signature.
  security: [],
  summary: 'A message’s status changed',
  description:
    'Verify with any Standard Webhooks library and CALLBACK_SIGNING_SECRET. Answer 2xx within 10 s; anything ' +
    'else is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (±10 %), then given up.',
  parameters: [
    header(
      'webhook-id',
      'The delivery id; the same on every retry (deduplicate on it)',
      'whd_0k2x7c9q1v3w8z4h',
    ),
    header('webhook-timestamp', 'Unix seconds when this attempt was signed', '1764662400'),
    header(
      'webhook-signature',
      '`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`',
      'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
    ),
  ],
  requestBody: {
    required: true,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/StatusCallback' } } },
  },
  responses: { '2XX': { description: 'Received; not sent again' } },
}
