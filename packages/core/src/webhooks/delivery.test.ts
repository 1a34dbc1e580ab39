/** Status-callback delivery against a real local HTTP receiver, on every dialect. */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { iso } from '../context.ts'
import type { Dispatcher } from '../desk.ts'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { createCallbackDelivery } from './delivery.ts'
import { signCallback, verifyCallbackSignature } from './signature.ts'

const SECRET = 'callback-secret-for-tests'

interface Received {
  body: string
  timestamp: string
  signature: string
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
      timestamp: String(req.headers['x-smsdesk-timestamp']),
      signature: String(req.headers['x-smsdesk-signature']),
      deliveryId: String(req.headers['x-smsdesk-delivery']),
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
    options: { maxAttempts?: number; timeoutMs?: number; allowPrivateNetworks?: boolean } = {},
  ): Dispatcher {
    // A long poll keeps the background loop out of the way; the tests drive it with runOnce(). The receiver is on
    // 127.0.0.1, so these tests opt in to private networks unless they test the refusal.
    delivery = createCallbackDelivery(testContext(t, clock), {
      secret: SECRET,
      pollMs: 60_000,
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
    expect(got.timestamp).toBe(String(Math.floor(clock.now().getTime() / 1000)))
    expect(
      verifyCallbackSignature(SECRET, got.timestamp, got.body, got.signature, { now: clock.now() }),
    ).toBe(true)
    expect(
      verifyCallbackSignature('another-secret', got.timestamp, got.body, got.signature, { now: clock.now() }),
    ).toBe(false)
    expect(
      verifyCallbackSignature(SECRET, got.timestamp, `${got.body} `, got.signature, { now: clock.now() }),
    ).toBe(false)
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
    expect(failed.next_attempt_at).toBe('2026-11-25T10:00:01.000Z')
    // Not due yet: nothing is claimed until the backoff has passed.
    expect(await d.runOnce()).toBe(0)
    clock.advance(1_000)
    expect(await d.runOnce()).toBe(1)
    const done = await row(id)
    expect(done.delivered_at).toBe('2026-11-25T10:00:01.000Z')
    expect(done.attempts).toBe(2)
    expect(receiver.received).toHaveLength(2)
    expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body)
  })

  it('doubles the wait per attempt and gives up after maxAttempts', async () => {
    receiver.plan.push(503, 503, 503)
    const id = await queue('msg_c', 201)
    const d = start({ maxAttempts: 3 })
    await d.runOnce()
    clock.advance(1_000)
    await d.runOnce()
    expect((await row(id)).next_attempt_at).toBe('2026-11-25T10:00:03.000Z')
    clock.advance(2_000)
    await d.runOnce()
    const gaveUp = await row(id)
    expect(gaveUp.failed_at).toBe('2026-11-25T10:00:03.000Z')
    expect(gaveUp.attempts).toBe(3)
    clock.advance(3_600_000)
    expect(await d.runOnce()).toBe(0)
    expect(receiver.received).toHaveLength(3)
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
    clock.advance(1_000)
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
      allowPrivateNetworks: true,
    })
    await until(async () => (await row(id)).delivered_at !== null)
    expect(receiver.received).toHaveLength(1)
  })
})

describe('verifyCallbackSignature', () => {
  const body = '{"event":"message.status"}'
  const now = new Date('2026-11-25T10:00:00.000Z')
  const ts = String(now.getTime() / 1000)

  it('accepts a fresh signature, also among several', () => {
    const sig = signCallback(SECRET, ts, body)
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/)
    expect(verifyCallbackSignature(SECRET, ts, body, sig, { now })).toBe(true)
    expect(verifyCallbackSignature(SECRET, ts, body, `v1=${'0'.repeat(64)}, ${sig}`, { now })).toBe(true)
  })

  it('rejects stale timestamps, missing or malformed headers', () => {
    const sig = signCallback(SECRET, ts, body)
    const later = new Date(now.getTime() + 301_000)
    expect(verifyCallbackSignature(SECRET, ts, body, sig, { now: later })).toBe(false)
    expect(verifyCallbackSignature(SECRET, ts, body, sig, { now: later, toleranceSeconds: 600 })).toBe(true)
    expect(verifyCallbackSignature(SECRET, ts, body, undefined, { now })).toBe(false)
    expect(verifyCallbackSignature(SECRET, ts, body, 'v1=abc', { now })).toBe(false)
    expect(verifyCallbackSignature(SECRET, 'yesterday', body, sig, { now })).toBe(false)
  })
})

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}
