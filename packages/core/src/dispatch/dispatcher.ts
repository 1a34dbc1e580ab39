/** The outbox dispatcher: polls the store for due messages, claims a batch under a lease and hands it over. */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { syncBlocklistWithGateway } from '../contacts/gateway-sync.ts'
import type { CoreContext } from '../context.ts'
import type { Dispatcher, DispatcherOptions } from '../desk.ts'
import { emitAll } from '../messages/apply.ts'
import { expireOverdue } from '../messages/expire.ts'
import { type ClaimFairness, claimDue, newClaimFairness } from './claim.ts'
import { type HandOverDeps, handOver } from './hand-over.ts'

export const DISPATCHER_DEFAULTS = {
  batchSize: 1_000,
  pollMs: 500,
  /** Renewed every third of it while a hand-over runs; longer than a gateway call, so one missed renewal is harmless. */
  leaseMs: 60_000,
  maxAttempts: 5,
  /** Recipients per gateway call (one iP1 batch). */
  handOverSize: 1_000,
  /** Gateway calls of one claim at once (claims with several bodies or senders). */
  concurrency: 4,
  backoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
  /** How often the loop also expires overdue messages. */
  expireEveryMs: 5_000,
  /** How often the loop syncs the blocklist with the gateway's (both ways); the first sync is one interval in. */
  blocklistSyncEveryMs: 10 * 60_000,
} as const

/** Claims and hands over one batch; returns how many messages were claimed. */
export async function dispatchOnce(
  ctx: CoreContext,
  deps: HandOverDeps,
  options: Required<Omit<DispatcherOptions, 'onBatch'>> & Pick<DispatcherOptions, 'onBatch'>,
  fairness?: ClaimFairness,
): Promise<number> {
  const started = performance.now()
  const { claimed, events } = await claimDue(ctx, {
    owner: options.owner,
    limit: options.batchSize,
    leaseMs: options.leaseMs,
    ...(fairness ? { fairness } : {}),
  })
  emitAll(ctx, events)
  if (claimed.length === 0) return 0
  const claimedAt = performance.now()
  await handOver(
    ctx,
    deps,
    {
      owner: options.owner,
      maxAttempts: options.maxAttempts,
      leaseMs: options.leaseMs,
      handOverSize: options.handOverSize,
      concurrency: options.concurrency,
      backoffMs: DISPATCHER_DEFAULTS.backoffMs,
      maxBackoffMs: DISPATCHER_DEFAULTS.maxBackoffMs,
    },
    claimed,
  )
  options.onBatch?.({
    claimed: claimed.length,
    claimMs: claimedAt - started,
    handOverMs: performance.now() - claimedAt,
  })
  return claimed.length
}

/**
 * Starts the polling loop. A full batch is followed at once by the next; otherwise it waits `pollMs`.
 * Errors are logged and the loop goes on: the store still holds every message.
 */
export function startDispatcher(
  ctx: CoreContext,
  deps: HandOverDeps,
  opts: DispatcherOptions = {},
): Dispatcher {
  const options: Parameters<typeof dispatchOnce>[2] = {
    owner: opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    batchSize: opts.batchSize ?? DISPATCHER_DEFAULTS.batchSize,
    pollMs: opts.pollMs ?? DISPATCHER_DEFAULTS.pollMs,
    leaseMs: opts.leaseMs ?? DISPATCHER_DEFAULTS.leaseMs,
    maxAttempts: opts.maxAttempts ?? DISPATCHER_DEFAULTS.maxAttempts,
    handOverSize: opts.handOverSize ?? DISPATCHER_DEFAULTS.handOverSize,
    concurrency: opts.concurrency ?? DISPATCHER_DEFAULTS.concurrency,
    ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
  }
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | null = null
  let lastExpiry = 0
  let lastBlocklistSync = Date.now()
  // Per dispatcher: which accounts share its claims while one account's backlog is being sent.
  const fairness = newClaimFairness()

  const runOnce = (): Promise<number> => {
    // One batch at a time per dispatcher: a manual runOnce during a loop tick waits for the tick.
    running ??= dispatchOnce(ctx, deps, options, fairness).finally(() => {
      running = null
    })
    return running
  }

  let ticking: Promise<void> | null = null
  const tick = async (): Promise<void> => {
    timer = undefined
    if (stopped) return
    let claimed = 0
    try {
      claimed = await runOnce()
      if (!stopped && Date.now() - lastExpiry >= DISPATCHER_DEFAULTS.expireEveryMs) {
        lastExpiry = Date.now()
        await expireOverdue(ctx)
      }
      if (!stopped && Date.now() - lastBlocklistSync >= DISPATCHER_DEFAULTS.blocklistSyncEveryMs) {
        lastBlocklistSync = Date.now()
        await syncBlocklistWithGateway(ctx, deps.gateway)
      }
    } catch (err) {
      console.error('smsdesk: dispatcher run failed; retrying after the poll interval', err)
    }
    if (!stopped) timer = setTimeout(startTick, claimed >= options.batchSize ? 0 : options.pollMs)
  }
  const startTick = (): void => {
    ticking = tick().finally(() => {
      ticking = null
    })
  }
  timer = setTimeout(startTick, 0)

  return {
    runOnce,
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = undefined
      await Promise.all([running?.catch(() => 0), ticking])
    },
  }
}
