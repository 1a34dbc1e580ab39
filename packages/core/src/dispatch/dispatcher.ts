/** The outbox dispatcher: polls the store for due messages, claims a batch under a lease and hands it over. */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { syncBlocklistWithGateway } from '../contacts/gateway-sync.ts'
import type { CoreContext } from '../context.ts'
import type { Dispatcher, DispatcherOptions } from '../desk.ts'
import { emitAll } from '../messages/apply.ts'
import { expireOverdue } from '../messages/expire.ts'
import { type ClaimedMessage, type ClaimFairness, claimDue, newClaimFairness } from './claim.ts'
import { type HandOverDeps, handOver, turnOver } from './hand-over.ts'

export const DISPATCHER_DEFAULTS = {
  batchSize: 1_000,
  pollMs: 500,
  /**
   * A send in this process starts the next round this soon: a single send is handed over without waiting out the
   * poll, and under a steady load the claims come every ~100 ms instead of as a burst of full ones every 500 ms,
   * which the answers to the sends in between waited for.
   */
  wakeMs: 100,
  /** Renewed every third of it while a hand-over runs; longer than a gateway call, so one missed renewal is harmless. */
  leaseMs: 60_000,
  maxAttempts: 5,
  /** Recipients per gateway call (one iP1 batch). */
  handOverSize: 1_000,
  /** Gateway calls of one claim at once (claims with several bodies or senders). */
  concurrency: 4,
  /** Claims being handed over at once while a backlog fills whole claims. */
  claimsInFlight: 2,
  backoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
  /** How often the loop also expires overdue messages. */
  expireEveryMs: 5_000,
  /** How often the loop syncs the blocklist with the gateway's (both ways); the first sync is one interval in. */
  blocklistSyncEveryMs: 10 * 60_000,
} as const

type LoopOptions = Required<Omit<DispatcherOptions, 'onBatch'>> & Pick<DispatcherOptions, 'onBatch'>

/** Claims and hands over one batch; returns how many messages were claimed. */
export async function dispatchOnce(
  ctx: CoreContext,
  deps: HandOverDeps,
  options: LoopOptions,
  fairness?: ClaimFairness,
): Promise<number> {
  const claim = await claimBatch(ctx, options, fairness)
  await handOverClaim(ctx, deps, options, claim)
  return claim.claimed.length
}

interface Claim {
  claimed: ClaimedMessage[]
  started: number
  claimedAt: number
}

/** The claiming transaction alone: the messages are ours under a lease, 110 Sending recorded and emitted. */
async function claimBatch(ctx: CoreContext, options: LoopOptions, fairness?: ClaimFairness): Promise<Claim> {
  const started = performance.now()
  const { claimed, events } = await claimDue(ctx, {
    owner: options.owner,
    limit: options.batchSize,
    leaseMs: options.leaseMs,
    ...(fairness ? { fairness } : {}),
  })
  emitAll(ctx, events)
  return { claimed, started, claimedAt: performance.now() }
}

async function handOverClaim(ctx: CoreContext, deps: HandOverDeps, options: LoopOptions, claim: Claim) {
  if (claim.claimed.length === 0) return
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
    claim.claimed,
  )
  options.onBatch?.({
    claimed: claim.claimed.length,
    claimMs: claim.claimedAt - claim.started,
    handOverMs: performance.now() - claim.claimedAt,
  })
}

/**
 * Claims one after another while they come back full, with up to `claimsInFlight` of them being handed over at once:
 * the next claim starts as soon as a hand-over slot is free, not when the last hand-over is done. Returns how many
 * messages were claimed and whether the last claim was full. A failed hand-over stops the round and is thrown once
 * the others are done, as a failed claim is; the store still holds its messages under a lease that runs out.
 */
async function dispatchPipelined(
  ctx: CoreContext,
  deps: HandOverDeps,
  options: LoopOptions,
  fairness: ClaimFairness,
  stopped: () => boolean,
): Promise<{ claimed: number; full: boolean }> {
  const inFlight = new Set<Promise<void>>()
  let failure: { error: unknown } | null = null
  let claimed = 0
  let full = false
  try {
    for (;;) {
      await turnOver(ctx)
      const claim = await claimBatch(ctx, options, fairness)
      claimed += claim.claimed.length
      full = claim.claimed.length >= options.batchSize
      const handing: Promise<void> = handOverClaim(ctx, deps, options, claim)
        .catch((error: unknown) => {
          failure ??= { error }
        })
        .finally(() => inFlight.delete(handing))
      inFlight.add(handing)
      if (!full || stopped() || options.claimsInFlight <= 1) break
      while (inFlight.size >= options.claimsInFlight && !failure) await Promise.race(inFlight)
      if (failure) break
    }
  } finally {
    await Promise.all(inFlight)
  }
  if (failure) throw (failure as { error: unknown }).error
  return { claimed, full }
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
  const options: LoopOptions = {
    owner: opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    batchSize: opts.batchSize ?? DISPATCHER_DEFAULTS.batchSize,
    pollMs: opts.pollMs ?? DISPATCHER_DEFAULTS.pollMs,
    wakeMs: Math.max(0, opts.wakeMs ?? DISPATCHER_DEFAULTS.wakeMs),
    leaseMs: opts.leaseMs ?? DISPATCHER_DEFAULTS.leaseMs,
    maxAttempts: opts.maxAttempts ?? DISPATCHER_DEFAULTS.maxAttempts,
    handOverSize: opts.handOverSize ?? DISPATCHER_DEFAULTS.handOverSize,
    concurrency: opts.concurrency ?? DISPATCHER_DEFAULTS.concurrency,
    claimsInFlight: Math.max(1, opts.claimsInFlight ?? DISPATCHER_DEFAULTS.claimsInFlight),
    ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
  }
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let lastExpiry = 0
  let lastBlocklistSync = Date.now()
  // Per dispatcher: which accounts share its claims while one account's backlog is being sent.
  const fairness = newClaimFairness()

  type Round = { claimed: number; full: boolean }
  let running: Promise<Round> | null = null
  // One round at a time per dispatcher: a manual runOnce during a loop tick waits for the tick (and answers its count).
  const run = (round: () => Promise<Round>): Promise<Round> => {
    running ??= round().finally(() => {
      running = null
    })
    return running
  }
  const runOnce = async (): Promise<number> => {
    const { claimed } = await run(async () => {
      const claimed = await dispatchOnce(ctx, deps, options, fairness)
      return { claimed, full: claimed >= options.batchSize }
    })
    return claimed
  }

  let ticking: Promise<void> | null = null
  // When the next round is due (ms since the epoch), and whether a send queued messages since the last one started.
  let nextAt = 0
  let woken = false
  const schedule = (ms: number): void => {
    timer = setTimeout(startTick, ms)
    nextAt = Date.now() + ms
  }
  const stopWaking =
    options.wakeMs > 0
      ? ctx.events.onQueued(() => {
          woken = true
          // A round under way schedules the next itself, woken; a round due sooner stays as it is.
          if (stopped || ticking || !timer || nextAt - Date.now() <= options.wakeMs) return
          clearTimeout(timer)
          schedule(options.wakeMs)
        })
      : () => false
  const tick = async (): Promise<void> => {
    timer = undefined
    woken = false
    if (stopped) return
    let full = false
    let failed = false
    try {
      ;({ full } = await run(() => dispatchPipelined(ctx, deps, options, fairness, () => stopped)))
      if (!stopped && Date.now() - lastExpiry >= DISPATCHER_DEFAULTS.expireEveryMs) {
        lastExpiry = Date.now()
        await expireOverdue(ctx)
      }
      if (!stopped && Date.now() - lastBlocklistSync >= DISPATCHER_DEFAULTS.blocklistSyncEveryMs) {
        lastBlocklistSync = Date.now()
        await syncBlocklistWithGateway(ctx, deps.gateway)
      }
    } catch (err) {
      failed = true
      console.error('smsdesk: dispatcher run failed; retrying after the poll interval', err)
    }
    if (!stopped) schedule(failed ? options.pollMs : full ? 0 : woken ? options.wakeMs : options.pollMs)
  }
  const startTick = (): void => {
    ticking = tick().finally(() => {
      ticking = null
    })
  }
  schedule(0)

  return {
    runOnce,
    async stop() {
      stopped = true
      stopWaking()
      if (timer) clearTimeout(timer)
      timer = undefined
      await Promise.all([running?.catch(() => 0), ticking])
    },
  }
}
