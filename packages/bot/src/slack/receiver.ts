/**
 * A Bolt receiver over web-standard Request/Response: verifies the signature, parses the three body kinds
 * Slack sends, hands the event to `app.processEvent`, and answers as soon as the listener acks.
 */

import type { App, Receiver, ReceiverEvent } from '@slack/bolt'
import { boundedMap } from '@smsdesk/core'
import { SlackRequestVerifier } from './signature.ts'

/** Bodies Slack sends are small; anything bigger is not from Slack. */
const BODY_LIMIT = 1_000_000
/** Slack gives up after 3 s; a listener that has not acked by now gets an empty 200 so Slack does not retry. */
const ACK_DEADLINE_MS = 2_500

export interface FetchReceiverOptions {
  signingSecret: string
  nowMs?: () => number
  log?: (message: string, err?: unknown) => void
}

type Ack = { status: number; body: string; type: string | null }

/** Event ids remembered (at least the latest this many) against Slack's retries (it retries for minutes, not hours). */
const REMEMBERED_EVENTS = 5_000

export class FetchReceiver implements Receiver {
  #app: App | undefined
  readonly #verifier: SlackRequestVerifier
  readonly #log: (message: string, err?: unknown) => void
  readonly #inFlight = new Set<Promise<unknown>>()
  /** Events taken in (by `event_id`): a retry of one (`X-Slack-Retry-Num`) is answered 200 and not run twice. */
  readonly #seenEvents = boundedMap<true>(2 * REMEMBERED_EVENTS)

  constructor(options: FetchReceiverOptions) {
    this.#verifier = new SlackRequestVerifier(options.signingSecret, options.nowMs)
    this.#log = options.log ?? ((m, e) => console.error(`smsdesk slack: ${m}`, e ?? ''))
  }

  init(app: App): void {
    this.#app = app
  }

  start(): Promise<void> {
    return Promise.resolve()
  }

  /** Waits for listeners still working after their ack (answers via response_url, chat updates). */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.#inFlight])
  }

  async fetch(req: Request): Promise<Response> {
    const raw = await readLimited(req)
    if (raw === null) return unauthorized()
    if (
      !this.#verifier.verify(
        req.headers.get('x-slack-request-timestamp'),
        req.headers.get('x-slack-signature'),
        raw,
      )
    )
      return unauthorized()

    const body = parseBody(raw, req.headers.get('content-type'))
    if (body === null) return new Response('', { status: 400 })
    if (body.ssl_check !== undefined) return new Response('', { status: 200 })
    if (body.type === 'url_verification')
      return Response.json({ challenge: typeof body.challenge === 'string' ? body.challenge : '' })
    if (this.#app === undefined) return new Response('', { status: 503 })

    // Slack retries an event it thinks we missed (slow ack, a 5xx); what we already took in is not done again, so
    // a thread reply's acknowledgement is posted once. A failed run forgets its id, so a retry may try again.
    const eventId = typeof body.event_id === 'string' ? body.event_id : null
    if (eventId !== null) {
      if (this.#seenEvents.has(eventId)) return new Response('', { status: 200 })
      this.#seenEvents.set(eventId, true)
    }
    const forget = () => {
      if (eventId !== null) this.#seenEvents.delete(eventId)
    }
    return respondAtAck(this.#app, body, req.headers, this.#inFlight, this.#log, forget)
  }
}

async function respondAtAck(
  app: App,
  body: Record<string, unknown>,
  headers: Headers,
  inFlight: Set<Promise<unknown>>,
  log: (message: string, err?: unknown) => void,
  onFailure: () => void,
): Promise<Response> {
  let settle: (ack: Ack) => void = () => {}
  const acked = new Promise<Ack>((resolve) => {
    settle = resolve
  })
  let isAcked = false
  const retryNum = headers.get('x-slack-retry-num')
  const retryReason = headers.get('x-slack-retry-reason')
  const event: ReceiverEvent = {
    body,
    ack: async (response?: unknown) => {
      if (isAcked) return
      isAcked = true
      settle(toAck(response))
    },
    ...(retryNum === null ? {} : { retryNum: Number(retryNum) }),
    ...(retryReason === null ? {} : { retryReason }),
  }
  const timer = setTimeout(() => {
    log('a listener did not ack in time; answered 200 so Slack does not retry')
    settle({ status: 200, body: '', type: null })
  }, ACK_DEADLINE_MS)
  const work = app
    .processEvent(event)
    .then(() => settle({ status: isAcked ? 200 : 404, body: '', type: null }))
    .catch((err: unknown) => {
      onFailure()
      log('a listener failed', err)
      settle({ status: 500, body: '', type: null })
    })
    .finally(() => {
      clearTimeout(timer)
      inFlight.delete(work)
    })
  inFlight.add(work)
  const ack = await acked
  return new Response(ack.body, { status: ack.status, headers: ack.type ? { 'content-type': ack.type } : {} })
}

function toAck(response: unknown): Ack {
  if (response === undefined || response === null || response === '')
    return { status: 200, body: '', type: null }
  if (typeof response === 'string') return { status: 200, body: response, type: 'text/plain; charset=utf-8' }
  return { status: 200, body: JSON.stringify(response), type: 'application/json' }
}

/** Form-encoded slash commands, `payload=` interactivity, or JSON events; null when it is none of them. */
export function parseBody(raw: string, contentType: string | null): Record<string, unknown> | null {
  try {
    if ((contentType ?? '').startsWith('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(raw)
      const payload = form.get('payload')
      if (payload !== null) return asObject(JSON.parse(payload))
      return Object.fromEntries(form)
    }
    return asObject(JSON.parse(raw))
  } catch {
    return null
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

async function readLimited(req: Request): Promise<string | null> {
  const declared = Number(req.headers.get('content-length') ?? '0')
  if (declared > BODY_LIMIT) return null
  const buffer = await req.arrayBuffer().catch(() => null)
  if (buffer === null || buffer.byteLength > BODY_LIMIT) return null
  return new TextDecoder().decode(buffer)
}

/** Nothing about why: a caller without the secret learns nothing. */
function unauthorized(): Response {
  return new Response('', { status: 401 })
}
