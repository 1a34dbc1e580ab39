/** The widget's public support routes, described by hand (they are plain Hono routes, like the widget's own). */
type Json = Record<string, unknown>

const ERROR = { $ref: '#/components/schemas/Error' }
const jsonOf = (schema: Json, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const errorOf = (description: string) => jsonOf(ERROR, description)
const str = { type: 'string' }
const nullableStr = { type: ['string', 'null'] }
const obj = (properties: Json, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
})
const token = {
  name: 'X-Conversation-Token',
  in: 'header',
  required: true,
  description: 'The token `POST /api/v1/support/conversations` returned (never put it in a URL).',
  schema: str,
}
const tag = { tags: ['Widget support'], security: [] }
const tooMany = {
  description: 'Too many requests from this address or for this conversation',
  headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
  content: { 'application/json': { schema: ERROR } },
}
const Message = obj({
  id: str,
  author: { type: 'string', enum: ['customer', 'staff'] },
  staffName: nullableStr,
  text: str,
  createdAt: { type: 'string', format: 'date-time' },
})
const refusals = {
  404: errorOf('Support chat is off, or no conversation has this token'),
  413: errorOf('The body is larger than 16 KiB'),
  422: errorOf('A field is missing or wrong, or holds HTML (`InvalidContent`)'),
  429: tooMany,
}

export const SUPPORT_PATHS: Record<string, Json> = {
  '/api/v1/support/availability': {
    get: {
      operationId: 'getSupportAvailability',
      ...tag,
      summary: 'Whether support is open now, when it opens next and how long conversations are kept',
      responses: {
        200: jsonOf(
          obj({
            enabled: { type: 'boolean' },
            open: { type: 'boolean' },
            nextOpen: { type: ['string', 'null'], format: 'date-time' },
            hours: nullableStr,
            retentionDays: { type: 'integer' },
          }),
          'Availability',
        ),
        404: refusals[404],
        429: tooMany,
      },
    },
  },
  '/api/v1/support/conversations': {
    post: {
      operationId: 'startSupportConversation',
      ...tag,
      summary: 'Ask support a question from the widget',
      description: 'A filled `website` field (a honeypot) is answered as if accepted, and nothing is stored.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: obj(
              {
                question: str,
                name: str,
                email: str,
                mobile: str,
                smsConsent: { type: 'boolean' },
                customerNumber: str,
                page: str,
                lang: { type: 'string', enum: ['sv', 'en'] },
                recentSearches: { type: 'array', items: str },
                website: str,
              },
              ['question', 'name'],
            ),
          },
        },
      },
      responses: {
        201: jsonOf(obj({ conversationId: str, token: str }), 'Started; keep the token'),
        ...refusals,
      },
    },
  },
  '/api/v1/support/conversation': {
    get: {
      operationId: 'getSupportConversation',
      ...tag,
      summary: 'The conversation as the customer sees it (no internal notes)',
      parameters: [token],
      responses: {
        200: jsonOf(
          obj({
            id: str,
            status: { type: 'string', enum: ['open', 'resolved'] },
            messages: { type: 'array', items: Message },
          }),
          'The conversation',
        ),
        404: refusals[404],
        429: tooMany,
      },
    },
    delete: {
      operationId: 'deleteSupportConversation',
      ...tag,
      summary: 'The customer deletes their conversation and its personal data',
      parameters: [token],
      responses: { 204: { description: 'Deleted' }, 404: refusals[404], 429: tooMany },
    },
  },
  '/api/v1/support/conversation/messages': {
    post: {
      operationId: 'addSupportMessage',
      ...tag,
      summary: 'The customer writes again',
      parameters: [token],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: obj({ text: str, website: str }, ['text']) } },
      },
      responses: { 201: jsonOf(Message, 'Added'), ...refusals },
    },
  },
  '/api/v1/support/conversation/events': {
    get: {
      operationId: 'followSupportConversation',
      ...tag,
      summary: 'Server-Sent Events: `ready`, then a `message` event for each new message',
      parameters: [token],
      responses: {
        200: { description: 'An event stream', content: { 'text/event-stream': { schema: str } } },
        404: refusals[404],
        429: tooMany,
      },
    },
  },
}
