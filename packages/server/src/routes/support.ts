/**
 * The widget's public support routes: start a conversation, add to it, read it, follow it live (SSE), delete it.
 * The conversation token travels in the `X-Conversation-Token` header only, so it never reaches a logged URL.
 */

import { randomBytes } from 'node:crypto'
import { type Desk, DeskError, hashSupportToken, type SupportMessage } from '@smsdesk/core'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { streamSSE } from 'hono/streaming'
import type { SupportChatConfig, SupportContact } from '../config.ts'
import { rateLimitKey } from '../http/client-address.ts'
import type { AppEnv } from '../http/env.ts'
import { errorJson } from '../http/errors.ts'
import { createRateLimiter } from '../http/rate-limit.ts'
import { parseSupportHours, supportAvailability } from '../support-chat/hours.ts'
import { newId } from '../support-chat/ids.ts'
import type { OpenStreams } from '../support-chat/streams.ts'

export const SUPPORT_TOKEN_HEADER = 'X-Conversation-Token'
/** The largest body the support routes read: a question of 2,000 characters with room for the rest. */
export const SUPPORT_MAX_BODY_BYTES = 16 * 1024
const STREAM_MAX_MS = 10 * 60_000
const HEARTBEAT_MS = 25_000

export interface SupportRoutesOptions {
  desk: Desk
  config: SupportChatConfig
  contact: SupportContact
  streams: OpenStreams
  /** For tests: the limiter's clock. */
  now?: () => number
}

const view = (m: SupportMessage) => ({
  id: m.id,
  author: m.author,
  staffName: m.staffName,
  text: m.text,
  createdAt: m.createdAt.toISOString(),
})

export function supportRoutes(options: SupportRoutesOptions): Hono<AppEnv> {
  const { desk, config, streams } = options
  const perIp = createRateLimiter(config.rateLimitPerMinute, options.now)
  const perConversation = createRateLimiter(config.rateLimitPerMinute, options.now)
  const hours = parseSupportHours(options.contact.hours)
  const app = new Hono<AppEnv>()

  app.use(
    '/api/v1/support/*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', SUPPORT_TOKEN_HEADER],
      maxAge: 86_400,
    }),
  )
  app.use('/api/v1/support/*', async (c, next) => {
    if (!config.enabled) return errorJson(c, 404, { code: 'NotFound', message: 'Support chat is off.' })
    c.header('Cache-Control', 'no-store')
    const ip = perIp.take(`ip:${rateLimitKey(c)}`)
    const token = c.req.header(SUPPORT_TOKEN_HEADER)
    const conv = token ? perConversation.take(`c:${hashSupportToken(token)}`) : ip
    const refused = !ip.allowed ? ip : !conv.allowed ? conv : null
    if (refused)
      return errorJson(
        c,
        429,
        { code: 'RateLimited', message: 'Too many requests; wait a little and try again.' },
        { 'Retry-After': String(refused.retryAfterSeconds) },
      )
    return next()
  })
  app.use(
    '/api/v1/support/*',
    bodyLimit({
      maxSize: SUPPORT_MAX_BODY_BYTES,
      onError: (c) =>
        errorJson(c, 413, {
          code: 'PayloadTooLarge',
          message: `The request body is larger than ${SUPPORT_MAX_BODY_BYTES} bytes.`,
        }),
    }),
  )

  const readJson = async (c: Context): Promise<Record<string, unknown>> => {
    const body: unknown = await c.req.json().catch(() => null)
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new DeskError('InvalidRequest', 'The body must be a JSON object.')
    return body as Record<string, unknown>
  }
  const tokenOf = (c: Context): string => c.req.header(SUPPORT_TOKEN_HEADER) ?? ''

  app.get('/api/v1/support/availability', (c) => {
    const at = desk.clock.now()
    const a = hours ? supportAvailability(hours, at) : { open: true, nextOpen: null }
    return c.json({
      enabled: true,
      open: a.open,
      nextOpen: a.nextOpen?.toISOString() ?? null,
      hours: options.contact.hours,
      retentionDays: config.retentionDays,
    })
  })

  app.post('/api/v1/support/conversations', async (c) => {
    const b = await readJson(c)
    // A filled honeypot is a bot: answer as if accepted, store nothing.
    if (typeof b.website === 'string' && b.website.trim() !== '')
      return c.json({ conversationId: newId('sup'), token: randomBytes(32).toString('base64url') }, 201)
    const started = await desk.support.startConversation({
      question: b.question as string,
      name: b.name as string,
      email: (b.email as string | undefined) ?? null,
      mobile: (b.mobile as string | undefined) ?? null,
      smsConsent: b.smsConsent === true,
      customerNumber: (b.customerNumber as string | undefined) ?? null,
      page: (b.page as string | undefined) ?? null,
      lang: b.lang === 'en' ? 'en' : 'sv',
      recentSearches: Array.isArray(b.recentSearches) ? (b.recentSearches as string[]) : [],
    })
    return c.json(started, 201)
  })

  app.get('/api/v1/support/conversation', async (c) => {
    const conversation = await desk.support.conversation(tokenOf(c))
    return c.json({
      id: conversation.id,
      status: conversation.status,
      messages: conversation.messages.map(view),
    })
  })

  app.post('/api/v1/support/conversation/messages', async (c) => {
    const b = await readJson(c)
    const token = tokenOf(c)
    if (typeof b.website === 'string' && b.website.trim() !== '') {
      await desk.support.conversation(token)
      return c.json(
        {
          id: newId('smg'),
          author: 'customer',
          staffName: null,
          text: '',
          createdAt: new Date().toISOString(),
        },
        201,
      )
    }
    const message = await desk.support.addCustomerMessage(token, b.text as string)
    return c.json(view(message), 201)
  })

  app.delete('/api/v1/support/conversation', async (c) => {
    await desk.support.deleteByToken(tokenOf(c))
    return c.body(null, 204)
  })

  app.get('/api/v1/support/conversation/events', async (c) => {
    const conversation = await desk.support.conversation(tokenOf(c))
    return streamSSE(c, async (stream) => {
      const close = streams.open(conversation.id)
      const pending: SupportMessage[] = []
      let wake: (() => void) | null = null
      const off = desk.support.onMessage(({ message }) => {
        if (message.conversationId !== conversation.id || message.internal) return
        pending.push(message)
        wake?.()
      })
      let done = false
      stream.onAbort(() => {
        done = true
        wake?.()
      })
      const until = Date.now() + STREAM_MAX_MS
      try {
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ id: conversation.id }) })
        while (!done && Date.now() < until) {
          for (let m = pending.shift(); m; m = pending.shift())
            await stream.writeSSE({ event: 'message', id: m.id, data: JSON.stringify(view(m)) })
          const timer = new Promise<void>((resolve) => {
            wake = resolve
            setTimeout(resolve, HEARTBEAT_MS).unref?.()
          })
          await timer
          wake = null
          if (pending.length === 0 && !done) await stream.write(': keep-alive\n\n')
        }
      } finally {
        off()
        close()
      }
    })
  })

  return app
}
