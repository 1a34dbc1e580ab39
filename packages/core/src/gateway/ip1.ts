/**
 * The iP1 gateway over its REST API v2.
 *
 * What the docs say (https://ip1sms.com/en/developer/sending-sms, /batches, /recieving-delivery-reports,
 * /receiving-incoming-sms, read 2026-11):
 * - `POST https://api.ip1sms.com/v2/batches`, `Authorization: Bearer <key>`, JSON `{ sender, recipients: [MSISDN
 *   digits, no plus], body, datacoding: "gsm"|"ucs", deliveryReportUrl, reference, … }`. The sender is 3–11 of
 *   [A-Za-z0-9] or up to 15 digits; the body is 1–2,000 characters. A batch is one body and sender for many
 *   recipients, and `reference` belongs to the BATCH — so to keep our message id as each message's reference we
 *   send one batch per message, a few at a time (`concurrency`), never several messages in one call.
 * - The answer is a batch document with its `id`; that batch id is our gateway id for the message.
 * - Delivery reports are POSTed to `deliveryReportUrl`: `{ id | messageId, batchId, recipient, code, duration,
 *   created, segments, price, currency, reference }` (iP1 retries non-200 answers every 10 minutes, 10 times).
 * - Inbound SMS are POSTed to the account's incoming URL: `{ id, batchId, sender, recipient, body, statuses, … }`.
 * - `GET /v2/batches` lists batch documents, each with its `reference`; `GET /v2/batches/{id}` reads one.
 *
 * What we assumed (not in the docs): the POST answers 2xx with the batch document (we read `id`, else `batchId`);
 * errors answer 4xx/5xx with a short text or JSON; 401/403 mean the key is wrong — retried as transient, so a
 * misconfigured key holds messages instead of failing them all; other 4xx are permanent and mapped to 407/408/409
 * when the answer names the sender, body or recipient, else 516. `GET /v2/batches` answers a JSON array (or an
 * object holding one); `findByReference` scans that list for our references (there is no documented filter).
 * No validity period is sent: the v2 docs have none (only delivery windows), so the core expires at our validity.
 */
import type { OutboundSms, SmsGateway, SubmitOutcome } from '../ports.ts'

export { parseIp1DeliveryReports, parseIp1Inbound } from './ip1-parse.ts'

export interface Ip1GatewayOptions {
  apiKey: string
  /** Default `https://api.ip1sms.com`. */
  baseUrl?: string
  /** Where iP1 should POST delivery reports; without it there are none. */
  deliveryReportUrl?: string
  /** Per HTTP call; a call that takes longer is abandoned and retried (transient). Default 10,000 ms. */
  timeoutMs?: number
  /** How many messages are handed over at once. Default 4. */
  concurrency?: number
}

export const IP1_DEFAULT_BASE_URL = 'https://api.ip1sms.com'

/** Creates the iP1 adapter. Per-message problems come back as outcomes; `submit` never throws. */
export function createIp1Gateway(opts: Ip1GatewayOptions): SmsGateway {
  const baseUrl = (opts.baseUrl ?? IP1_DEFAULT_BASE_URL).replace(/\/+$/, '')
  const timeoutMs = opts.timeoutMs ?? 10_000
  const concurrency = Math.max(1, opts.concurrency ?? 4)
  const headers = {
    authorization: `Bearer ${opts.apiKey}`,
    'content-type': 'application/json; charset=utf-8',
    accept: 'application/json',
  }
  // An upstream answer may echo what we sent; the key must never reach a log or a status detail.
  const scrub = (text: string) => (opts.apiKey ? text.split(opts.apiKey).join('***') : text).slice(0, 200)

  const submitOne = async (message: OutboundSms): Promise<SubmitOutcome> => {
    const payload: Record<string, unknown> = {
      sender: message.sender,
      recipients: [message.recipient.replace(/^\+/, '')],
      body: message.body,
      datacoding: message.encoding === 'GSM-7' ? 'gsm' : 'ucs',
      reference: message.id,
    }
    if (opts.deliveryReportUrl) payload.deliveryReportUrl = opts.deliveryReportUrl
    let response: Response
    let text: string
    try {
      response = await fetch(`${baseUrl}/v2/batches`, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await response.text()
    } catch (err) {
      return { id: message.id, ok: false, transient: true, error: describeNetworkError(err, timeoutMs) }
    }
    if (response.ok) {
      const gatewayId = batchIdFrom(text)
      if (gatewayId) return { id: message.id, ok: true, gatewayId }
      // Taken, but we cannot tell its id: reports still find it by reference (our id).
      return { id: message.id, ok: true, gatewayId: `ip1:${message.id}` }
    }
    return classifyFailure(message.id, response.status, scrub(text))
  }

  return {
    name: 'ip1',
    async submit(messages: readonly OutboundSms[]): Promise<SubmitOutcome[]> {
      return mapWithConcurrency(messages, concurrency, submitOne)
    },
    async findByReference(ids: readonly string[]): Promise<Map<string, string>> {
      const wanted = new Set(ids)
      const response = await fetch(`${baseUrl}/v2/batches`, {
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      })
      const text = await response.text()
      if (!response.ok) throw new Error(`iP1 batch list failed: HTTP ${response.status} ${scrub(text)}`)
      const found = new Map<string, string>()
      for (const batch of batchList(text)) {
        if (
          typeof batch.reference === 'string' &&
          typeof batch.id === 'string' &&
          wanted.has(batch.reference)
        )
          found.set(batch.reference, batch.id)
      }
      return found
    },
  }
}

function classifyFailure(id: string, status: number, text: string): SubmitOutcome {
  const error = `iP1 answered HTTP ${status}${text ? `: ${text}` : ''}`
  if (status === 401 || status === 403)
    return {
      id,
      ok: false,
      transient: true,
      error: `iP1 refused the API key (HTTP ${status}); check IP1_API_KEY`,
    }
  if (status === 408 || status === 425 || status === 429 || status >= 500)
    return { id, ok: false, transient: true, error }
  return { id, ok: false, transient: false, code: rejectionCode(text), error }
}

/** Which of our rejection codes a 4xx answer points to, by the field it names. */
function rejectionCode(text: string): number {
  const lower = text.toLowerCase()
  if (lower.includes('sender')) return 407
  if (lower.includes('recipient')) return 409
  if (lower.includes('body')) return 408
  return 516
}

function describeNetworkError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `iP1 did not answer within ${timeoutMs} ms`
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : ''
  return `could not reach iP1: ${err instanceof Error ? err.message : String(err)}${cause}`
}

function batchIdFrom(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body !== 'object' || body === null) return null
    const { id, batchId } = body as { id?: unknown; batchId?: unknown }
    if (typeof id === 'string' && id !== '') return id
    if (typeof batchId === 'string' && batchId !== '') return batchId
    return null
  } catch {
    return null
  }
}

function batchList(text: string): { id?: unknown; reference?: unknown }[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new Error('iP1 batch list was not JSON')
  }
  const list = Array.isArray(body)
    ? body
    : ['items', 'batches', 'data']
        .map((key) => (body as Record<string, unknown> | null)?.[key])
        .find((v) => Array.isArray(v))
  if (!Array.isArray(list)) throw new Error('iP1 batch list had no array of batches')
  return list.filter((b): b is { id?: unknown; reference?: unknown } => typeof b === 'object' && b !== null)
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
