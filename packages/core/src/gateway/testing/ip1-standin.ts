/**
 * A local stand-in for the iP1 REST API v2 (node:http on 127.0.0.1), for tests: it follows the documented
 * contract (see ../ip1.ts) — batches of many recipients, collections paged with start/limit/order and a Link
 * header, the blacklist — checks the bearer token, records every batch and counts every recipient, can answer
 * slowly, can be told to fail the next calls, and can POST delivery reports to each batch's `deliveryReportUrl`.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isFinalCode } from '../../status/catalogue.ts'
import { simulatorOutcomeFor } from '../simulator-outcomes.ts'

/** How the next calls fail: `error` 503, `rateLimit` 429, `reject` 400, `hang` never answers, `lost` records the batch and never answers. */
export type Ip1FailureKind = 'error' | 'rateLimit' | 'reject' | 'hang' | 'lost'

export interface Ip1StandinOptions {
  /** The key the stand-in accepts as `Authorization: Bearer <key>`. Default `standin-key`. */
  apiKey?: string
  /** POST delivery reports to each batch's `deliveryReportUrl`, following the simulator's path for the recipient. */
  deliverReports?: boolean
  /** Pause before each delivery report. Default 0. */
  reportDelayMs?: number
  /** How long each POST /v2/batches takes, before the batch is recorded and answered. Default 0. */
  answerDelayMs?: number
}

export interface Ip1Submission {
  batchId: string
  reference: string | null
  sender: string
  recipients: string[]
  body: string
  datacoding: string | null
  deliveryReportUrl: string | null
}

export interface Ip1Standin {
  /** Base URL to give `createIp1Gateway({ baseUrl })`. */
  url: string
  apiKey: string
  /** Every batch accepted (including `lost` ones), oldest first. */
  submissions(): Ip1Submission[]
  /** How many batches carried this reference: 2 or more means a hand-over was posted twice. */
  countByReference(reference: string): number
  /** Recipients accepted so far, over every batch (duplicates included). */
  recipientTotal(): number
  /** How many times each recipient (MSISDN digits) was sent to, over every batch. */
  recipientCounts(): Map<string, number>
  /** Every HTTP call seen (all methods and paths). */
  callCount(): number
  /** The stand-in's blacklist, as MSISDN digits. */
  blacklist(): string[]
  /** Adds numbers (MSISDN digits) to the blacklist, as a STOP reply to iP1 would. */
  addToBlacklist(...msisdns: string[]): void
  /** The next `n` GET calls answer 503 (a look-up that cannot be made). */
  failNextReads(n: number): void
  /** Every POST /v2/batches seen, failed ones included. */
  postCount(): number
  /** The most POST /v2/batches calls that were open at the same moment. */
  maxConcurrentPosts(): number
  /** The next `n` POST /v2/batches calls fail this way. */
  failNext(n: number, kind: Ip1FailureKind): void
  /** Delivery report POSTs answered with a non-2xx or not at all. */
  reportFailures(): number
  /** Resolves once every delivery report scheduled so far has been posted (or failed). */
  reportsSettled(): Promise<void>
  close(): Promise<void>
}

/** Starts the stand-in on an ephemeral port. */
export async function startIp1Standin(opts: Ip1StandinOptions = {}): Promise<Ip1Standin> {
  const apiKey = opts.apiKey ?? 'standin-key'
  const batches: (Ip1Submission & { created: string })[] = []
  const failures: Ip1FailureKind[] = []
  const pendingReports = new Set<Promise<void>>()
  const recipientCount = new Map<string, number>()
  const blacklist = new Map<string, string>()
  let failingReads = 0
  let calls = 0
  let posts = 0
  let openPosts = 0
  let maxOpenPosts = 0
  let failedReports = 0
  let closing = false

  const reportBatch = (batch: Ip1Submission) => {
    const url = batch.deliveryReportUrl
    if (!opts.deliverReports || !url) return
    const run = (async () => {
      for (const recipient of batch.recipients) {
        for (const code of simulatorOutcomeFor(`+${recipient}`).path) {
          if (closing) return
          if (opts.reportDelayMs) await new Promise((r) => setTimeout(r, opts.reportDelayMs))
          const report = {
            id: `${batch.batchId}-${recipient}`,
            batchId: batch.batchId,
            recipient,
            code,
            duration: isFinalCode(code) ? 1 : 0,
            created: new Date().toISOString(),
            segments: 1,
            price: 0.35,
            currency: 'sek',
            reference: batch.reference,
          }
          const ok = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(report),
            signal: AbortSignal.timeout(5_000),
          }).then(
            async (r) => {
              await r.arrayBuffer()
              return r.ok
            },
            () => false,
          )
          if (!ok) failedReports++
        }
      }
    })()
    pendingReports.add(run)
    void run.finally(() => pendingReports.delete(run))
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://standin').pathname.replace(/\/+$/, '')
    const body = await readBody(req)
    if (req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, { error: 'Unauthorized' })
    const query = new URL(req.url ?? '/', 'http://standin').searchParams
    if (req.method === 'GET' && failingReads > 0) {
      failingReads--
      return send(res, 503, { error: 'Service temporarily unavailable' })
    }
    if (req.method === 'GET' && path === '/v2/batches')
      return sendPage(res, path, query, batches.map(batchDocument))
    const ofBatch = /^\/v2\/batches\/([^/]+)\/messages$/.exec(path)
    if (req.method === 'GET' && ofBatch) {
      const batch = batches.find((b) => b.batchId === ofBatch[1])
      if (!batch) return send(res, 404, { error: 'Batch not found' })
      return sendPage(res, path, query, messageDocuments(batch))
    }
    const one = /^\/v2\/batches\/([^/]+)$/.exec(path)
    if (req.method === 'GET' && one) {
      const batch = batches.find((b) => b.batchId === one[1])
      return batch ? send(res, 200, batchDocument(batch)) : send(res, 404, { error: 'Batch not found' })
    }
    if (req.method === 'GET' && path === '/v2/blacklist')
      return sendPage(
        res,
        path,
        query,
        [...blacklist].map(([msisdn, created]) => ({ msisdn, created })),
      )
    const entry = /^\/v2\/blacklist\/(\d{1,15})$/.exec(path)
    if (req.method === 'PUT' && entry?.[1]) {
      if (!blacklist.has(entry[1])) blacklist.set(entry[1], new Date().toISOString())
      return send(res, 200, { msisdn: entry[1], created: blacklist.get(entry[1]) })
    }
    if (req.method !== 'POST' || path !== '/v2/batches') return send(res, 404, { error: 'Not found' })
    posts++
    const failure = failures.shift()
    if (failure === 'hang') return // the socket stays open until the client gives up or we close
    if (failure === 'error') return send(res, 503, { error: 'Service temporarily unavailable' })
    if (failure === 'rateLimit') return send(res, 429, { error: 'Too many requests' })
    if (failure === 'reject') return send(res, 400, { error: 'The request was rejected' })
    // Slow before the batch exists, the worst case for a client: a look-up meanwhile does not find it.
    if (opts.answerDelayMs) await new Promise((r) => setTimeout(r, opts.answerDelayMs))
    const parsed = parseBatch(body)
    if (typeof parsed === 'string') return send(res, 400, { error: parsed })
    const batch = { ...parsed, batchId: randomBytes(12).toString('hex'), created: new Date().toISOString() }
    batches.push(batch)
    for (const r of batch.recipients) recipientCount.set(r, (recipientCount.get(r) ?? 0) + 1)
    if (failure === 'lost') return // taken, but the answer never comes: the client is left in doubt
    send(res, 201, batchDocument(batch))
    reportBatch(batch)
  }

  const server = createServer((req, res) => {
    calls++
    if (req.method === 'POST') {
      openPosts++
      maxOpenPosts = Math.max(maxOpenPosts, openPosts)
      res.on('close', () => openPosts--)
    }
    handle(req, res).catch(() => send(res, 500, { error: 'Internal error' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    submissions: () => batches.map(({ created: _created, ...submission }) => submission),
    countByReference: (reference) => batches.filter((b) => b.reference === reference).length,
    postCount: () => posts,
    recipientCounts: () => new Map(recipientCount),
    recipientTotal: () => batches.reduce((n, b) => n + b.recipients.length, 0),
    callCount: () => calls,
    blacklist: () => [...blacklist.keys()],
    addToBlacklist(...msisdns) {
      for (const m of msisdns) if (!blacklist.has(m)) blacklist.set(m, new Date().toISOString())
    },
    failNextReads(n) {
      failingReads += n
    },
    maxConcurrentPosts: () => maxOpenPosts,
    failNext(n, kind) {
      for (let i = 0; i < n; i++) failures.push(kind)
    },
    reportFailures: () => failedReports,
    async reportsSettled() {
      while (pendingReports.size > 0) await Promise.all([...pendingReports])
    },
    async close() {
      closing = true
      await Promise.all([...pendingReports])
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Builds an inbound-SMS payload the way iP1 posts it, for tests of the inbound webhook. */
export function ip1InboundPayload(sms: { from: string; to: string; body: string; at?: Date; id?: string }) {
  const created = (sms.at ?? new Date()).toISOString()
  return {
    id: sms.id ?? randomBytes(12).toString('hex'),
    batchId: randomBytes(12).toString('hex'),
    owner: 'ip1-00000',
    sender: sms.from.replace(/^\+/, ''),
    recipient: sms.to.replace(/^\+/, ''),
    body: sms.body,
    direction: 'mo',
    segments: 1,
    type: 'SMS',
    datacoding: 'GSM',
    priority: 1,
    statuses: [{ created, code: 201, duration: 1 }],
    modified: created,
  }
}

// The documented request rules: sender 3–11 of [A-Za-z0-9] or up to 15 digits; MSISDN recipients of up to
// 15 digits; a body that is not blank and at most 2,000 characters.
function parseBatch(raw: string): Omit<Ip1Submission, 'batchId'> | string {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return 'The body is not valid JSON'
  }
  if (typeof json !== 'object' || json === null) return 'The body must be a JSON object'
  const b = json as Record<string, unknown>
  const sender = typeof b.sender === 'string' ? b.sender : ''
  if (!/^(?:[A-Za-z0-9]{3,11}|\+?\d{1,15})$/.test(sender)) return 'Invalid sender'
  const recipients = b.recipients
  if (!Array.isArray(recipients) || recipients.length === 0) return 'Invalid recipients'
  if (!recipients.every((r) => typeof r === 'string' && /^\d{1,15}$/.test(r))) return 'Invalid recipient'
  if (typeof b.body !== 'string' || b.body.trim() === '' || b.body.length > 2000) return 'Invalid body'
  return {
    sender,
    recipients: recipients as string[],
    body: b.body,
    datacoding: typeof b.datacoding === 'string' ? b.datacoding : null,
    deliveryReportUrl: typeof b.deliveryReportUrl === 'string' ? b.deliveryReportUrl : null,
    reference: typeof b.reference === 'string' ? b.reference : null,
  }
}

function batchDocument(b: Ip1Submission & { created: string }) {
  return {
    id: b.batchId,
    sender: b.sender,
    body: b.body,
    owner: 'ip1-00000',
    direction: 'MT',
    type: 'sms',
    datacoding: (b.datacoding ?? 'ucs').toUpperCase(),
    priority: 1,
    templated: false,
    status: 101,
    deliveryReportUrl: b.deliveryReportUrl,
    reference: b.reference,
    tags: [],
    created: b.created,
  }
}

/** One page of a collection, the documented way: `start`, `limit` (default 50), `order`, and a Link header. */
function sendPage(res: ServerResponse, path: string, query: URLSearchParams, all: unknown[]): void {
  const start = Math.max(0, Number(query.get('start') ?? 0) || 0)
  const limit = Math.min(1_000, Math.max(1, Number(query.get('limit') ?? 50) || 50))
  const order = (query.get('order') ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC'
  const ordered = order === 'DESC' ? [...all].reverse() : all
  const page = ordered.slice(start, start + limit)
  const link = (at: number, rel: string) =>
    `<${path}?start=${at}&limit=${limit}&order=${order}>; rel="${rel}"`
  const links = [link(start, 'self'), link(0, 'first')]
  if (start + limit < all.length) links.push(link(start + limit, 'next'))
  if (start > 0) links.push(link(Math.max(0, start - limit), 'prev'))
  if (res.headersSent || res.destroyed) return
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', link: links.join(', ') })
  res.end(JSON.stringify(page))
}

function messageDocuments(b: Ip1Submission & { created: string }) {
  return b.recipients.map((recipient) => ({
    id: `${b.batchId}-${recipient}`,
    batchId: b.batchId,
    recipient,
    sender: b.sender,
    status: 101,
    created: b.created,
  }))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}
