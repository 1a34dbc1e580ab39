/** Status-callback delivery against a real local HTTP receiver, on every dialect. */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { iso } from '../context.ts'
import type { CallbackDeliveryOptions, Dispatcher } from '../desk.ts'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { CALLBACK_RETRY_SCHEDULE_MS, createCallbackDelivery } from './delivery.ts'
import { isCallbackSecret, newCallbackSecret, signCallback, verifyCallbackSignature } from './signature.ts'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

interface Received {
  body: string
  headers: Record<string, string>
  deliveryId: string
}

/**
 * A receiver that keeps every request and answers with the next status from `plan` (then 204), or, for a
 * message listed in `failures`, with 500 as many times as listed (posts run concurrently, so order is not a key).
 */
function startReceiver(): Promise<{
  url: string
  received: Received[]
  plan: number[]
  failures: Map<string, number>
  server: Server
}> {
  const received: Received[] = []
  const plan: number[] = []
  const failures = new Map<string, number>()
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    received.push({
      body: Buffer.concat(chunks).toString('utf8'),
      headers: req.headers as Record<string, string>,
      deliveryId: String(req.headers['webhook-id']),
    })
    const messageId = (JSON.parse(received.at(-1)!.body) as { messageId: string }).messageId
    const failing = failures.get(messageId) ?? 0
    if (failing > 0) failures.set(messageId, failing - 1)
    res.statusCode = failing > 0 ? 500 : (plan.shift() ?? 204)
    res.end()
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ url: `http://127.0.0.1:${port}/hook`, received, plan, failures, server })
    }),
  )
}

describe.each(testDialects())('status callbacks on %s', (dialect) => {
  let t: TestDatabase
  let clock: ManualClock
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let delivery: Dispatcher | undefined
  let seq = 0

  beforeAll(async () => {
    receiver = await startReceiver()
  })
  afterAll(() => new Promise<void>((r) => receiver.server.close(() => r())))

  beforeEach(async () => {
    t = await openTestDatabase(dialect)
    clock = manualClock('2026-11-25T10:00:00.000Z')
    receiver.received.length = 0
    receiver.plan.length = 0
    receiver.failures.clear()
  })
  afterEach(async () => {
    await delivery?.stop()
    delivery = undefined
    await t.close()
  })

  async function queue(messageId: string, code: number, url = receiver.url): Promise<string> {
    const id = `whd_${String(++seq).padStart(6, '0')}`
    const payload = JSON.stringify({
      event: 'message.status',
      messageId,
      status: { code },
      at: iso(clock.now()),
    })
    await t.db
      .insertInto('webhook_deliveries')
      .values({
        id,
        account_id: 'acc_1',
        message_id: messageId,
        url,
        payload,
        attempts: 0,
        next_attempt_at: iso(clock.now()),
        created_at: iso(clock.now()),
      })
      .execute()
    return id
  }

  function start(
    options: {
      maxAttempts?: number
      timeoutMs?: number
      allowPrivateNetworks?: boolean
      onAttempt?: CallbackDeliveryOptions['onAttempt']
    } = {},
  ): Dispatcher {
    // A long poll keeps the background loop out of the way; the tests drive it with runOnce(). The receiver is on
    // 127.0.0.1, so these tests opt in to private networks unless they test the refusal.
    delivery = createCallbackDelivery(testContext(t, clock), {
      secret: SECRET,
      pollMs: 60_000,
      jitter: 0,
      allowPrivateNetworks: true,
      ...options,
    })
    return delivery
  }

  async function row(id: string) {
    return t.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  }

  it('posts the payload byte for byte with a signature a receiver can verify', async () => {
    const id = await queue('msg_a', 201)
    const d = start()
    await d.runOnce()
    await until(async () => (await row(id)).delivered_at !== null)
    expect(receiver.received).toHaveLength(1)
    const got = receiver.received[0]!
    const stored = await row(id)
    expect(got.body).toBe(stored.payload)
    expect(got.deliveryId).toBe(id)
    expect(got.headers['webhook-timestamp']).toBe(String(Math.floor(clock.now().getTime() / 1000)))
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)
    const now = clock.now()
    expect(verifyCallbackSignature(SECRET, got.body, got.headers, { now })).toBe(true)
    expect(verifyCallbackSignature(newCallbackSecret(), got.body, got.headers, { now })).toBe(false)
    expect(verifyCallbackSignature(SECRET, `${got.body} `, got.headers, { now })).toBe(false)
    expect(stored.attempts).toBe(1)
  })

  it('retries a 500 with backoff, then succeeds', async () => {
    receiver.plan.push(500)
    const id = await queue('msg_b', 201)
    const d = start()
    expect(await d.runOnce()).toBe(1)
    const failed = await row(id)
    expect(failed.delivered_at).toBeNull()
    expect(failed.last_error).toBe('HTTP 500')
    expect(failed.next_attempt_at).toBe('2026-11-25T10:00:05.000Z')
    // Not due yet: nothing is claimed until the backoff has passed.
    expect(await d.runOnce()).toBe(0)
    clock.advance(5_000)
    expect(await d.runOnce()).toBe(1)
    const done = await row(id)
    expect(done.delivered_at).toBe('2026-11-25T10:00:05.000Z')
    expect(done.attempts).toBe(2)
    expect(receiver.received).toHaveLength(2)
    expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body)
  })

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h between attempts, then gives up (about a day)', async () => {
    const attempts: string[] = []
    const id = await queue('msg_c', 201)
    receiver.failures.set('msg_c', 8)
    const d = start({ onAttempt: (a) => attempts.push(`${a.attempt}:${a.outcome}:${a.error}`) })
    const started = clock.now().getTime()
    await d.runOnce()
    const waits: number[] = []
    for (let i = 0; i < 7; i++) {
      const due = Date.parse((await row(id)).next_attempt_at)
      waits.push(due - clock.now().getTime())
      clock.advance(due - clock.now().getTime())
      expect(await d.runOnce()).toBe(1)
    }
    expect(waits).toEqual([...CALLBACK_RETRY_SCHEDULE_MS])
    const gaveUp = await row(id)
    expect(gaveUp.failed_at).toBe(iso(clock.now()))
    expect(gaveUp.attempts).toBe(8)
    expect((clock.now().getTime() - started) / 3_600_000).toBeCloseTo(27.6, 1)
    expect(attempts.at(0)).toBe('1:retrying:HTTP 500')
    expect(attempts.at(-1)).toBe('8:failed:HTTP 500')
    clock.advance(3_600_000)
    expect(await d.runOnce()).toBe(0)
    expect(receiver.received).toHaveLength(8)
  })

  it('gives up after maxAttempts', async () => {
    receiver.plan.push(503, 503, 503)
    const id = await queue('msg_l', 201)
    const d = start({ maxAttempts: 2 })
    await d.runOnce()
    clock.advance(5_000)
    await d.runOnce()
    expect((await row(id)).failed_at).toBe('2026-11-25T10:00:05.000Z')
  })

  it('sends one message’s callbacks in order: a later status waits for an earlier retry', async () => {
    receiver.failures.set('msg_d', 1)
    const first = await queue('msg_d', 111)
    const second = await queue('msg_d', 201)
    const other = await queue('msg_e', 201)
    const d = start()
    expect(await d.runOnce()).toBe(2) // msg_d's first and msg_e's only; msg_d's second waits
    expect((await row(second)).attempts).toBe(0)
    expect((await row(other)).delivered_at).not.toBeNull()
    clock.advance(5_000)
    await d.runOnce()
    expect((await row(first)).delivered_at).not.toBeNull()
    expect(await d.runOnce()).toBe(1)
    expect((await row(second)).delivered_at).not.toBeNull()
    const codes = receiver.received
      .map((r) => JSON.parse(r.body) as { messageId: string; status: { code: number } })
      .filter((p) => p.messageId === 'msg_d')
      .map((p) => p.status.code)
    expect(codes).toEqual([111, 111, 201])
  })

  it('records an unreachable receiver or a timeout as an error to retry', async () => {
    const closed = await queue('msg_f', 201, 'http://127.0.0.1:9/nothing-listens-here')
    const d = start({ timeoutMs: 300 })
    await d.runOnce()
    const r = await row(closed)
    expect(r.delivered_at).toBeNull()
    expect(r.failed_at).toBeNull()
    expect(r.last_error).toBeTruthy()
  })

  it('refuses loopback, cloud-metadata and localhost targets without the opt-in: failed at once, nothing posted', async () => {
    const loopback = await queue('msg_h', 201)
    const metadata = await queue('msg_i', 201, 'http://169.254.169.254/latest/meta-data/')
    const named = await queue('msg_j', 201, receiver.url.replace('127.0.0.1', 'localhost'))
    const mapped = await queue('msg_k', 201, receiver.url.replace('127.0.0.1', '[::ffff:127.0.0.1]'))
    const d = start({ allowPrivateNetworks: false })
    expect(await d.runOnce()).toBe(4)
    for (const id of [loopback, metadata, named, mapped]) {
      const r = await row(id)
      expect(r.delivered_at).toBeNull()
      expect(r.failed_at).toBe('2026-11-25T10:00:00.000Z')
      expect(r.attempts).toBe(1)
      expect(r.last_error).toMatch(/^refused: callback host .+ private networks are not allowed/)
    }
    expect((await row(loopback)).last_error).toContain('loopback')
    expect((await row(metadata)).last_error).toContain('link-local')
    // Permanent: no retry is scheduled, however long one waits.
    clock.advance(3_600_000)
    expect(await d.runOnce()).toBe(0)
    expect(receiver.received).toHaveLength(0)
  })

  it('is picked up by the background loop without runOnce', async () => {
    const id = await queue('msg_g', 201)
    delivery = createCallbackDelivery(testContext(t, clock), {
      secret: SECRET,
      pollMs: 20,
      jitter: 0,
      allowPrivateNetworks: true,
    })
    await until(async () => (await row(id)).delivered_at !== null)
    expect(receiver.received).toHaveLength(1)
  })
})

describe('Standard Webhooks signatures', () => {
  const body = '{"event":"message.status"}'
  const now = new Date('2026-11-25T10:00:00.000Z')
  const headers = signCallback(SECRET, 'whd_1', now, body)

  it('accepts a fresh signature, also among several (rotating secrets)', () => {
    expect(headers['webhook-timestamp']).toBe(String(now.getTime() / 1000))
    expect(verifyCallbackSignature(SECRET, body, headers, { now })).toBe(true)
    const several = {
      ...headers,
      'webhook-signature': `v1,${'A'.repeat(43)}= ${headers['webhook-signature']}`,
    }
    expect(verifyCallbackSignature(SECRET, body, several, { now })).toBe(true)
  })

  it('rejects stale timestamps, another id, missing or malformed headers', () => {
    const later = new Date(now.getTime() + 301_000)
    expect(verifyCallbackSignature(SECRET, body, headers, { now: later })).toBe(false)
    expect(verifyCallbackSignature(SECRET, body, headers, { now: later, toleranceSeconds: 600 })).toBe(true)
    expect(verifyCallbackSignature(SECRET, body, { ...headers, 'webhook-id': 'whd_2' }, { now })).toBe(false)
    expect(
      verifyCallbackSignature(SECRET, body, { ...headers, 'webhook-signature': 'v1,abc' }, { now }),
    ).toBe(false)
    expect(
      verifyCallbackSignature(SECRET, body, { ...headers, 'webhook-timestamp': 'yesterday' }, { now }),
    ).toBe(false)
    expect(verifyCallbackSignature(SECRET, body, {}, { now })).toBe(false)
  })

  it('is what the standardwebhooks library itself verifies', () => {
    const signed = signCallback(SECRET, 'whd_3', new Date(), body)
    expect(new Webhook(SECRET).verify(body, signed)).toEqual({ event: 'message.status' })
    expect(() => new Webhook(newCallbackSecret()).verify(body, signed)).toThrow()
  })

  it('knows a whsec_ secret when it sees one', () => {
    expect(isCallbackSecret(SECRET)).toBe(true)
    expect(isCallbackSecret(newCallbackSecret())).toBe(true)
    expect(isCallbackSecret('callback-secret-for-tests')).toBe(false)
    expect(isCallbackSecret('whsec_c2hvcnQ=')).toBe(false)
  })
})

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}
