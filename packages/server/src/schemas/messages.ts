/** Message schemas: the send request and what the API says about messages. */
import { z } from '@hono/zod-openapi'
import type { MessageDetail, MessageSummary, SendResult } from '@smsdesk/core'
import { CursorSchema, LimitSchema, MoneySchema } from './common.ts'

export const StatusRefSchema = z
  .object({
    code: z.number().int().openapi({ example: 201 }),
    name: z.string().openapi({ example: 'DeliveredToHandset' }),
  })
  .openapi('StatusRef')

export const SendBodySchema = z
  .strictObject({
    sender: z.string().max(64).openapi({
      description: '3–11 letters/digits, or a number of up to 15 digits',
      example: 'Smsdesk',
    }),
    recipients: z
      .array(z.string().max(64))
      .max(100_000)
      .optional()
      .openapi({ description: 'E.164 or Swedish local form', example: ['+46701234201', '070-123 45 01'] }),
    groups: z
      .array(z.string().min(1).max(100))
      .max(100)
      .optional()
      .openapi({ example: ['Kunder'] }),
    body: z.string().max(20_000).optional().openapi({
      description: '1–2,000 characters; leave out with `template`',
      example: 'Hej! Din tid är bokad.',
    }),
    template: z.string().min(1).max(40).optional().openapi({
      description:
        'A saved template’s name instead of `body`: its {placeholders} are filled per recipient from the contact and `variables`',
      example: 'booking',
    }),
    variables: z
      .record(z.string().min(1).max(40), z.string().max(500))
      .optional()
      .openapi({
        description: 'Values for the template’s placeholders that are not contact fields',
        example: { date: 'fredag 14:00' },
      }),
    sendAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Schedule for later (ISO 8601), up to 90 days ahead' }),
    validityHours: z.number().int().min(1).max(72).optional().openapi({ description: 'Default 72' }),
    reference: z.string().min(1).max(128).optional().openapi({ description: 'Your own reference' }),
    statusCallbackUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2048)
      .optional()
      .openapi({ description: 'Each status change is POSTed here, signed (see README)' }),
    purpose: z.enum(['marketing', 'transactional']).optional().openapi({
      description:
        'Default marketing: carries the account’s opt-out. Only a transactional send (a booking, a code) goes without.',
    }),
  })
  .refine((b) => (b.recipients?.length ?? 0) + (b.groups?.length ?? 0) > 0, {
    error: 'Give at least one recipient or contact group.',
    path: ['recipients'],
  })
  .refine((b) => (b.body === undefined) !== (b.template === undefined), {
    error: 'Give either body or template.',
    path: ['body'],
  })
  .openapi('SendRequest')

const OptOutTagSchema = z.enum(['link', 'reply', 'confirmation']).nullable().openapi({
  description:
    'The opt-out added to the body (link or STOP text), confirmation for an opt-out confirmation, or null',
})

const SentMessageSchema = z.object({
  id: z.string(),
  recipient: z.string(),
  status: StatusRefSchema,
  segments: z.number().int(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  price: MoneySchema,
  optOut: OptOutTagSchema,
  optOutAdded: z.boolean().openapi({ description: 'Whether an opt-out was added to this message’s body' }),
})

const TotalSchema = z.object({ messages: z.number().int(), segments: z.number().int(), price: MoneySchema })

/** Above this many messages a send's answer lists none of them: a count per status and a link to page through them. */
export const LARGE_SEND_MESSAGES = 1_000

export const SendResponseSchema = z
  .object({
    batchId: z.string(),
    messages: z.array(SentMessageSchema).openapi({
      description: `Every message of the batch; empty above ${LARGE_SEND_MESSAGES.toLocaleString('en-US')} messages (see byStatus and messagesUrl)`,
    }),
    total: TotalSchema,
    replayed: z.boolean().openapi({ description: 'True when an Idempotency-Key matched an earlier request' }),
    byStatus: z
      .array(StatusRefSchema.extend({ count: z.number().int() }))
      .optional()
      .openapi({
        description: `Only above ${LARGE_SEND_MESSAGES.toLocaleString('en-US')} messages: how many have each status`,
      }),
    messagesUrl: z
      .string()
      .optional()
      .openapi({
        description: `Only above ${LARGE_SEND_MESSAGES.toLocaleString('en-US')} messages: the batch's messages, a page at a time`,
      }),
  })
  .openapi('SendResult')

export const QuoteSchema = z
  .object({
    recipients: z.array(
      z.object({
        input: z.string(),
        recipient: z.string(),
        status: z.union([StatusRefSchema, z.null()]).openapi({ description: 'Null when it would be sent' }),
        reason: z.union([z.string(), z.null()]).openapi({ description: 'Why it would not be sent, or null' }),
        segments: z.number().int(),
        price: MoneySchema,
      }),
    ),
    encoding: z.enum(['GSM-7', 'UCS-2']),
    segmentsPerMessage: z.number().int().openapi({ description: 'As sent: the opt-out included' }),
    total: TotalSchema,
    balance: MoneySchema,
    optOut: z.object({
      mode: z.enum(['link', 'reply']).nullable(),
      addition: z.string().nullable().openapi({ description: 'The text added after a line break' }),
      example: z.string().nullable().openapi({ description: 'The first message’s final text' }),
      addedSegments: z.number().int(),
    }),
  })
  .openapi('Quote')

export const MessageSchema = z
  .object({
    id: z.string(),
    batchId: z.string(),
    sender: z.string(),
    recipient: z.string(),
    body: z.string(),
    encoding: z.enum(['GSM-7', 'UCS-2']),
    segments: z.number().int(),
    price: MoneySchema,
    optOut: OptOutTagSchema,
    status: StatusRefSchema,
    final: z.boolean(),
    reference: z.string().nullable(),
    source: z.enum(['api', 'slack', 'teams']),
    sendAt: z.string(),
    validUntil: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Message')

export const MessageDetailSchema = MessageSchema.extend({
  statuses: z.array(StatusRefSchema.extend({ at: z.string(), detail: z.string().nullable() })).openapi({
    description: 'The whole history, oldest first',
  }),
  statusCallbackUrl: z.string().nullable(),
}).openapi('MessageDetail')

export const MessageListQuerySchema = z.object({
  recipient: z.string().max(64).optional(),
  batchId: z.string().max(100).optional(),
  status: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'A status code (201) or name (DeliveredToHandset)' }),
  limit: LimitSchema,
  cursor: CursorSchema,
})

export function sendResultJson(r: SendResult): z.infer<typeof SendResponseSchema> {
  if (r.messages.length > LARGE_SEND_MESSAGES) return largeSendJson(r)
  return {
    batchId: r.batchId,
    messages: r.messages.map((m) => ({
      id: m.id,
      recipient: m.recipient,
      status: { code: m.status.code, name: m.status.name },
      segments: m.segments,
      encoding: m.encoding,
      price: m.price,
      optOut: m.optOut,
      optOutAdded: m.optOut === 'link' || m.optOut === 'reply',
    })),
    total: r.total,
    replayed: r.replayed,
  }
}

export function messageJson(m: MessageSummary): z.infer<typeof MessageSchema> {
  return {
    id: m.id,
    batchId: m.batchId,
    sender: m.sender,
    recipient: m.recipient,
    body: m.body,
    encoding: m.encoding,
    segments: m.segments,
    price: m.price,
    optOut: m.optOut,
    status: { code: m.status.code, name: m.status.name },
    final: m.final,
    reference: m.reference,
    source: m.source,
    sendAt: isoOf(m.sendAt),
    validUntil: isoOf(m.validUntil),
    createdAt: isoOf(m.createdAt),
    updatedAt: isoOf(m.updatedAt),
  }
}

/** The look-up's answer (the API's hottest route): the summary's object, extended in place rather than copied. */
export function messageDetailJson(m: MessageDetail): z.infer<typeof MessageDetailSchema> {
  const json = messageJson(m) as z.infer<typeof MessageDetailSchema>
  json.statuses = m.statuses.map((s) => ({ code: s.code, name: s.name, at: isoOf(s.at), detail: s.detail }))
  json.statusCallbackUrl = m.statusCallbackUrl
  return json
}

let lastTime = Number.NaN
let lastIso = ''
/**
 * `toISOString`, remembering the last answer: a message's times repeat one after another (sent when created, its
 * first steps recorded in the same instant), and formatting a date costs about as much as the rest of its JSON.
 */
function isoOf(date: Date): string {
  const time = date.getTime()
  if (time !== lastTime) {
    lastTime = time
    lastIso = date.toISOString()
  }
  return lastIso
}

/** A large send's answer: the batch and its totals, a count per status, and where to page through its messages. */
function largeSendJson(r: SendResult): z.infer<typeof SendResponseSchema> {
  const counts = new Map<number, { code: number; name: string; count: number }>()
  for (const m of r.messages) {
    const entry = counts.get(m.status.code)
    if (entry) entry.count++
    else counts.set(m.status.code, { code: m.status.code, name: m.status.name, count: 1 })
  }
  return {
    batchId: r.batchId,
    messages: [],
    total: r.total,
    replayed: r.replayed,
    byStatus: [...counts.values()].sort((a, b) => a.code - b.code),
    messagesUrl: `/api/v1/messages?batchId=${encodeURIComponent(r.batchId)}`,
  }
}
