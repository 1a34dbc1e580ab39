/**
 * The iP1 gateway over its REST API v2.
 *
 * What the docs say (read 2026-12; https://ip1sms.com/en/developer/sending-sms, /batches, /introduction,
 * /recieving-delivery-reports, /receiving-incoming-sms, /blacklist):
 * - `POST https://api.ip1sms.com/v2/batches`, `Authorization: Bearer <key>`, JSON `{ sender, recipients: [MSISDN
 *   digits, no plus], body, datacoding: "gsm"|"ucs", deliveryReportUrl, reference, … }` sends ONE body from one
 *   sender to many recipients. The sender is 3–11 of [A-Za-z0-9] or up to 15 digits; a recipient is up to 15
 *   digits; the body is 1–2,000 characters. `reference` is the client's own text and belongs to the batch.
 * - `GET /v2/batches` lists batch documents (`id`, `reference`, `created`, …); `GET /v2/batches/{id}` reads one.
 * - Every /v2 collection is paged: `start`, `limit`, `order` (defaults 0, 50, ASC), with a `Link` header carrying
 *   rel="next" (also self/first/prev/last) — so a look-up must follow every page, not read the first.
 * - Delivery reports are POSTed to `deliveryReportUrl`: `{ id | messageId, batchId, recipient, code, created,
 *   reference, … }` (iP1 retries non-200 answers every 10 minutes, 10 times).
 * - Blacklist: `GET /v2/blacklist` (entries `{ msisdn, created }`), `PUT /v2/blacklist/{msisdn}` adds or updates one.
 *
 * How we use it: one hand-over = one batch. The dispatcher records the hand-over (its id, and that id on each
 * message) before the call and sends the id as `reference`; the messages of a hand-over share sender, body and
 * encoding and have distinct recipients, so reference + recipient names one message. Delivery reports map back by
 * that pair, and by iP1's message id once stored. Recovery pages through `GET /v2/batches` (newest first) for the
 * references in doubt, and reads `GET /v2/batches/{id}/messages` for the per-recipient ids.
 *
 * What we assumed (not in the docs): the POST answers 2xx with either the batch document (we read `id`) or an
 * array of message documents (`id`, `batchId`, `recipient`); when it does not list messages we read
 * `GET /v2/batches/{id}/messages` (paged like every collection) and fall back to the batch id as each message's
 * gateway id. 401/403 mean the key is wrong — transient, so a misconfigured key holds messages instead of failing
 * them; 408/425/429/5xx are transient; a timeout, a dropped connection, 500, 502 and 504 leave the call in doubt
 * (iP1 may have taken it); other 4xx are permanent and mapped to 407/408/409 when the answer names the sender, body
 * or recipient, else 516. `PUT /v2/blacklist/{msisdn}` takes `{ msisdn }` as its body. No validity period is sent:
 * the v2 docs have none (only delivery windows), so the core expires at our validity.
 */
import type { HandedOverSms, OutboundSms, SmsGateway, SubmitOutcome } from '../ports.ts'
import { call, type Ip1Http, MESSAGES_PAGE_LIMIT, readAllPages, text } from './ip1-http.ts'

export { parseIp1DeliveryReports, parseIp1Inbound } from './ip1-parse.ts'

export interface Ip1GatewayOptions {
  apiKey: string
  /** Default `https://api.ip1sms.com`. */
  baseUrl?: string
  /** Where iP1 should POST delivery reports; without it there are none. */
  deliveryReportUrl?: string
  /** Per HTTP call; a call that takes longer is abandoned and left in doubt. Default 10,000 ms. */
  timeoutMs?: number
  /** How many batches (hand-overs of one `submit`) are posted at once. Default 4. */
  concurrency?: number
}

export const IP1_DEFAULT_BASE_URL = 'https://api.ip1sms.com'

/** The adapter plus a count of its HTTP calls (for the benchmark and tests). */
export interface Ip1Gateway extends SmsGateway {
  httpCalls(): number
}

/** Creates the iP1 adapter. Per-message problems come back as outcomes; `submit` never throws. */
export function createIp1Gateway(opts: Ip1GatewayOptions): Ip1Gateway {
  let calls = 0
  const http: Ip1Http = {
    baseUrl: (opts.baseUrl ?? IP1_DEFAULT_BASE_URL).replace(/\/+$/, ''),
    timeoutMs: opts.timeoutMs ?? 10_000,
    headers: {
      authorization: `Bearer ${opts.apiKey}`,
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
    },
    // An upstream answer may echo what we sent; the key must never reach a log or a status detail.
    scrub: (t: string) => (opts.apiKey ? t.split(opts.apiKey).join('***') : t).slice(0, 200),
  }
  // Paged reads count their pages in their visitors.
  const request: typeof call = (h, ...rest) => {
    calls++
    return call(h, ...rest)
  }
  const concurrency = Math.max(1, opts.concurrency ?? 4)

  /** recipient digits → iP1 message id, from the batch's message collection. */
  const messageIds = async (batchId: string): Promise<Map<string, string>> => {
    const ids = new Map<string, string>()
    await readAllPages(
      http,
      `/v2/batches/${encodeURIComponent(batchId)}/messages`,
      (items) => {
        calls++
        for (const m of items) {
          const recipient = text(m, 'recipient')
          const id = text(m, 'id')
          if (recipient && id) ids.set(recipient.replace(/^\+/, ''), id)
        }
        return undefined
      },
      'ASC',
      MESSAGES_PAGE_LIMIT,
    )
    return ids
  }

  const postBatch = async (batch: readonly OutboundSms[]): Promise<SubmitOutcome[]> => {
    const first = batch[0] as OutboundSms
    const payload: Record<string, unknown> = {
      sender: first.sender,
      recipients: batch.map((m) => digits(m.recipient)),
      body: first.body,
      datacoding: first.encoding === 'GSM-7' ? 'gsm' : 'ucs',
      reference: first.reference,
    }
    if (opts.deliveryReportUrl) payload.deliveryReportUrl = opts.deliveryReportUrl
    let answer: Awaited<ReturnType<typeof call>>
    try {
      answer = await request(http, 'POST', '/v2/batches', payload)
    } catch (err) {
      const failure = describeNetworkError(err, http.timeoutMs)
      return batch.map((m) => ({
        id: m.id,
        ok: false,
        transient: true,
        inDoubt: failure.inDoubt,
        error: failure.error,
      }))
    }
    if (!answer.ok) return batch.map((m) => classifyFailure(m.id, answer.status, http.scrub(answer.text)))
    const { batchId, listed } = readSubmitAnswer(answer.text)
    let ids = listed
    if (ids.size < batch.length && batchId) ids = await messageIds(batchId).catch(() => listed) // reports still find them by reference + recipient
    return batch.map((m) => ({
      id: m.id,
      ok: true as const,
      gatewayId: ids.get(digits(m.recipient)) ?? batchId ?? `ip1:${m.reference}:${digits(m.recipient)}`,
    }))
  }

  return {
    name: 'ip1',
    httpCalls: () => calls,
    async submit(messages: readonly OutboundSms[]): Promise<SubmitOutcome[]> {
      const byReference = new Map<string, OutboundSms[]>()
      for (const m of messages) {
        const list = byReference.get(m.reference)
        if (list) list.push(m)
        else byReference.set(m.reference, [m])
      }
      const results = await mapWithConcurrency([...byReference.values()], concurrency, postBatch)
      return results.flat()
    },
    async findByReference(asked: readonly HandedOverSms[]): Promise<Map<string, string>> {
      const wanted = new Set(asked.map((m) => m.reference))
      const batches = new Map<string, string>()
      // Newest first: in-doubt hand-overs are recent, so the walk usually ends after a page or two.
      await readAllPages(
        http,
        '/v2/batches',
        (items) => {
          calls++
          for (const b of items) {
            const reference = text(b, 'reference')
            const id = text(b, 'id')
            if (reference && id && wanted.has(reference)) batches.set(reference, id)
          }
          return batches.size < wanted.size
        },
        'DESC',
      )
      const found = new Map<string, string>()
      for (const [reference, batchId] of batches) {
        const ids = await messageIds(batchId).catch(() => new Map<string, string>())
        for (const m of asked)
          if (m.reference === reference) found.set(m.id, ids.get(digits(m.recipient)) ?? batchId)
      }
      return found
    },
    async listBlocked(): Promise<string[]> {
      const numbers: string[] = []
      await readAllPages(http, '/v2/blacklist', (items) => {
        calls++
        for (const entry of items) {
          const msisdn = text(entry, 'msisdn')
          if (msisdn && /^\d{6,15}$/.test(msisdn)) numbers.push(`+${msisdn}`)
        }
        return undefined
      })
      return numbers
    },
    async block(number: string): Promise<void> {
      const msisdn = digits(number)
      const answer = await request(http, 'PUT', `/v2/blacklist/${msisdn}`, { msisdn })
      if (!answer.ok)
        throw new Error(`iP1 blacklist PUT failed: HTTP ${answer.status} ${http.scrub(answer.text)}`)
    },
  }
}

function digits(number: string): string {
  return number.replace(/^\+/, '')
}

/** The batch id, and recipient → message id when the answer lists the messages. */
function readSubmitAnswer(body: string): { batchId: string | null; listed: Map<string, string> } {
  const listed = new Map<string, string>()
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { batchId: null, listed }
  }
  if (Array.isArray(json)) {
    let batchId: string | null = null
    for (const m of json) {
      if (typeof m !== 'object' || m === null) continue
      const doc = m as Record<string, unknown>
      batchId ??= text(doc, 'batchId')
      const recipient = text(doc, 'recipient')
      const id = text(doc, 'id')
      if (recipient && id) listed.set(digits(recipient), id)
    }
    return { batchId, listed }
  }
  if (typeof json !== 'object' || json === null) return { batchId: null, listed }
  const doc = json as Record<string, unknown>
  return { batchId: text(doc, 'id') ?? text(doc, 'batchId'), listed }
}

function classifyFailure(id: string, status: number, body: string): SubmitOutcome {
  const error = `iP1 answered HTTP ${status}${body ? `: ${body}` : ''}`
  if (status === 401 || status === 403)
    return {
      id,
      ok: false,
      transient: true,
      error: `iP1 refused the API key (HTTP ${status}); check IP1_API_KEY`,
    }
  if (status === 500 || status === 502 || status === 504)
    return { id, ok: false, transient: true, inDoubt: true, error }
  if (status === 408 || status === 425 || status === 429 || status >= 500)
    return { id, ok: false, transient: true, error }
  return { id, ok: false, transient: false, code: rejectionCode(body), error }
}

/** Which of our rejection codes a 4xx answer points to, by the field it names. */
function rejectionCode(body: string): number {
  const lower = body.toLowerCase()
  if (lower.includes('sender')) return 407
  if (lower.includes('recipient')) return 409
  if (lower.includes('body')) return 408
  return 516
}

/** A refused connection never reached iP1; a timeout or a dropped connection may have. */
function describeNetworkError(err: unknown, timeoutMs: number): { error: string; inDoubt: boolean } {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return { error: `iP1 did not answer within ${timeoutMs} ms`, inDoubt: true }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null
  const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(
    `${(cause as { code?: string } | null)?.code ?? ''}`,
  )
  const detail = cause ? ` (${cause.message})` : ''
  return {
    error: `could not reach iP1: ${err instanceof Error ? err.message : String(err)}${detail}`,
    inDoubt: !refused,
  }
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the input order in the result. */
async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
