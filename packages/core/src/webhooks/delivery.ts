/**
 * Status-callback delivery: claims due `webhook_deliveries` rows, POSTs each payload signed the Standard Webhooks
 * way, retries on `CALLBACK_RETRY_SCHEDULE_MS` and gives up after `maxAttempts`. Never holds up sending.
 */
import type { LookupAddress } from 'node:dns'
import { sql } from 'kysely'
import { type CoreContext, iso } from '../context.ts'
import type { CallbackDeliveryOptions, Dispatcher } from '../desk.ts'
import { createPinnedPoster, type PostAnswer } from './pinned-post.ts'
import { signCallback } from './signature.ts'
import { checkCallbackTarget } from './target-guard.ts'

const CONCURRENCY = 16
const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/**
 * The wait after each failed attempt, as Standard Webhooks suggests: the last try comes about 28 hours after
 * the first. Each wait is jittered (±10 % by default) so receivers that came back are not hit all at once.
 */
export const CALLBACK_RETRY_SCHEDULE_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
] as const
const LONGEST_WAIT_MS = 10 * HOUR

interface DueDelivery {
  id: string
  message_id: string
  url: string
  payload: string
  attempts: number
}

/** `permanent`: retrying cannot help (a refused target), so the delivery fails at once. */
type Outcome = { ok: true } | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean }

/** Starts delivering queued status callbacks; `stop()` waits for the posts in flight. */
export function createCallbackDelivery(ctx: CoreContext, options: CallbackDeliveryOptions): Dispatcher {
  const pollMs = options.pollMs ?? 500
  const maxAttempts = options.maxAttempts ?? CALLBACK_RETRY_SCHEDULE_MS.length + 1
  const jitter = options.jitter ?? 0.1
  const timeoutMs = options.timeoutMs ?? 10_000
  const allowPrivateNetworks = options.allowPrivateNetworks ?? false
  const poster = createPinnedPoster()
  const inFlight = new Set<Promise<void>>()
  let stopped = false
  let wake: (() => void) | null = null
  /** Set while the loop waits only because every slot is busy: a finished post then wakes it. */
  let waitingForSlot = false

  /** Claims up to `limit` due rows. A claim pushes `next_attempt_at` past the post's timeout: a lease. */
  async function claim(limit: number): Promise<DueDelivery[]> {
    const now = ctx.clock.now()
    const leaseUntil = iso(new Date(now.getTime() + timeoutMs + 30_000))
    return ctx.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('webhook_deliveries as w')
        .select(['w.id', 'w.message_id', 'w.url', 'w.payload', 'w.attempts'])
        .where('w.delivered_at', 'is', null)
        .where('w.failed_at', 'is', null)
        .where('w.next_attempt_at', '<=', iso(now))
        // One message's callbacks go out in the order its statuses happened: skip a row while an
        // earlier one for the same message is still pending.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('webhook_deliveries as e')
                .select('e.id')
                .whereRef('e.message_id', '=', 'w.message_id')
                .where('e.delivered_at', 'is', null)
                .where('e.failed_at', 'is', null)
                .where((eb) =>
                  eb.or([
                    eb('e.created_at', '<', eb.ref('w.created_at')),
                    eb.and([
                      eb('e.created_at', '=', eb.ref('w.created_at')),
                      eb('e.id', '<', eb.ref('w.id')),
                    ]),
                  ]),
                ),
            ),
          ),
        )
        .orderBy('w.next_attempt_at')
        .limit(limit)
      if (ctx.dialect === 'postgres') query = query.forUpdate('w').skipLocked()
      const rows = await query.execute()
      if (rows.length === 0) return []
      await trx
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: leaseUntil, attempts: sql<number>`attempts + 1` })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
      return rows.map((r) => ({ ...r, attempts: Number(r.attempts) + 1 }))
    })
  }

  async function postOnce(delivery: DueDelivery): Promise<Outcome> {
    let addresses: LookupAddress[] | null = null
    if (!allowPrivateNetworks) {
      const target = await checkCallbackTarget(delivery.url)
      if (!target.ok) return { ok: false, error: target.error, permanent: target.permanent }
      addresses = target.addresses
    }
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'smsdesk-callbacks/1',
      ...signCallback(options.secret, delivery.id, ctx.clock.now(), delivery.payload),
    }
    try {
      const answer = options.fetch
        ? await postWithFetch(options.fetch, delivery.url, headers, delivery.payload, timeoutMs)
        : await poster.post(delivery.url, addresses, { headers, body: delivery.payload, timeoutMs })
      if (answer.status >= 200 && answer.status < 300) return { ok: true }
      return {
        ok: false,
        error: `HTTP ${answer.status}`,
        retryAfterMs: retryAfter(answer.retryAfter, ctx.clock.now()),
      }
    } catch (err) {
      const name = err instanceof Error ? err.name : ''
      if (name === 'TimeoutError' || name === 'AbortError')
        return { ok: false, error: `no answer in ${timeoutMs} ms` }
      return { ok: false, error: describe(err) }
    }
  }

  /** The wait before attempt `attempts + 1`: the schedule's, or longer if the receiver asked, jittered. */
  function waitAfter(attempts: number, retryAfterMs: number | undefined): number {
    const planned = CALLBACK_RETRY_SCHEDULE_MS[Math.min(attempts, CALLBACK_RETRY_SCHEDULE_MS.length) - 1]!
    const spread = 1 + jitter * (2 * Math.random() - 1)
    return Math.round(Math.min(Math.max(planned, retryAfterMs ?? 0), LONGEST_WAIT_MS) * spread)
  }

  async function settle(delivery: DueDelivery, outcome: Outcome, ms: number): Promise<void> {
    const now = ctx.clock.now()
    const report = { id: delivery.id, messageId: delivery.message_id, url: delivery.url }
    if (outcome.ok) {
      await ctx.db
        .updateTable('webhook_deliveries')
        .set({ delivered_at: iso(now), last_error: null })
        .where('id', '=', delivery.id)
        .execute()
      options.onAttempt?.({ ...report, attempt: delivery.attempts, outcome: 'delivered', error: null, ms })
      return
    }
    const givingUp = outcome.permanent === true || delivery.attempts >= maxAttempts
    const wait = waitAfter(delivery.attempts, outcome.retryAfterMs)
    await ctx.db
      .updateTable('webhook_deliveries')
      .set({
        last_error: outcome.error.slice(0, 500),
        ...(givingUp ? { failed_at: iso(now) } : { next_attempt_at: iso(new Date(now.getTime() + wait)) }),
      })
      .where('id', '=', delivery.id)
      .execute()
    options.onAttempt?.({
      ...report,
      attempt: delivery.attempts,
      outcome: givingUp ? 'failed' : 'retrying',
      error: outcome.error,
      ms,
    })
  }

  async function deliver(delivery: DueDelivery): Promise<void> {
    const started = performance.now()
    const outcome = await postOnce(delivery)
    try {
      await settle(delivery, outcome, performance.now() - started)
    } catch (err) {
      // The lease runs out and the row is tried again: a receiver may see it twice, never zero times.
      console.error('smsdesk: could not record a status-callback attempt', describe(err))
    }
  }

  function track(delivery: DueDelivery): Promise<void> {
    const p = deliver(delivery).finally(() => {
      inFlight.delete(p)
      if (waitingForSlot) wake?.()
    })
    inFlight.add(p)
    return p
  }

  async function runOnce(): Promise<number> {
    const claimed = await claim(CONCURRENCY)
    await Promise.all(claimed.map(track))
    return claimed.length
  }

  async function pump(): Promise<void> {
    // The first look waits one poll, so a caller that drives `runOnce()` itself is not raced at start.
    await pause(pollMs)
    while (!stopped) {
      let claimed = 0
      const free = CONCURRENCY - inFlight.size
      if (free > 0) {
        try {
          const due = await claim(free)
          for (const d of due) void track(d)
          claimed = due.length
        } catch (err) {
          if (!stopped) console.error('smsdesk: status-callback delivery could not claim work', describe(err))
        }
      }
      if (stopped) break
      // Claim again at once while there is work and room; otherwise wait for the next poll or a free slot.
      waitingForSlot = inFlight.size >= CONCURRENCY
      if (claimed === 0 || waitingForSlot) await pause(pollMs)
      waitingForSlot = false
    }
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wake = null
        resolve()
      }
      wake = done
    })
  }

  const running = pump()

  return {
    runOnce,
    async stop() {
      stopped = true
      wake?.()
      await running
      await Promise.allSettled([...inFlight])
      poster.close()
    },
  }
}

/**
 * An injected transport (tests of the transport itself) resolves the name again on its own, so it is not
 * pinned to the checked addresses: a DNS-rebinding window remains there. The default transport has none.
 */
async function postWithFetch(
  post: typeof fetch,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostAnswer> {
  const res = await post(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  })
  await res.body?.cancel().catch(() => {})
  return { status: res.status, retryAfter: res.headers.get('retry-after') }
}

function retryAfter(header: string | null, now: Date): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime())
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
    return `${err.message}${cause}`
  }
  return String(err)
}
