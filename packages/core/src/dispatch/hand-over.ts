/**
 * What happens to a claimed batch: settle in-doubt ones with the gateway, expire the overdue, stop numbers blocked
 * since scheduling, record the rest as hand-overs (one gateway batch per sender, body and encoding), send them with
 * the claim's lease renewed meanwhile, and record each answer — only for rows still leased to us.
 */
import type { CoreContext } from '../context.ts'
import type { OutboundSms, SmsGateway, SubmitOutcome } from '../ports.ts'
import type { ClaimedMessage } from './claim.ts'
import { closeInDoubt, settleInDoubt } from './in-doubt.ts'
import { groupForHandOver, type HandOver, recordHandOvers, renewLeases } from './outbox.ts'
import { type Settlement, settle } from './settle.ts'

export interface HandOverOptions {
  owner: string
  maxAttempts: number
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs: number
  maxBackoffMs: number
  leaseMs: number
  /** Most recipients per gateway call. */
  handOverSize: number
  /** Gateway calls in flight at once. */
  concurrency: number
}

export interface HandOverDeps {
  gateway: SmsGateway
  blockedAmong(accountId: string, numbers: string[]): Promise<Set<string>>
}

/**
 * On SQLite, lets the event loop read its sockets before the dispatcher's next statement. Every statement there runs
 * on this thread and answers at once, so a claim, its hand-over and its settlement would otherwise follow each other
 * within one turn of the loop, tens of milliseconds of a 1,000-message claim during which no request is read and no
 * send's answer written. The settlement needs none: its grouped transaction starts in a later turn already.
 * PostgreSQL's statements wait for the server: the loop turns over anyway.
 */
export function turnOver(ctx: Pick<CoreContext, 'dialect'>): Promise<void> | undefined {
  return ctx.dialect === 'sqlite' ? new Promise((resolve) => setImmediate(resolve)) : undefined
}

/** Hands a claimed batch over and records the outcome of every message in it. */
export async function handOver(
  ctx: CoreContext,
  deps: HandOverDeps,
  options: HandOverOptions,
  claimed: readonly ClaimedMessage[],
): Promise<void> {
  const stopRenewing = renewLeases(
    ctx,
    options,
    claimed.map((m) => m.id),
  )
  try {
    const settlements: Settlement[] = []
    const now = ctx.clock.now()
    let pending = await settleInDoubt(
      deps.gateway,
      claimed,
      { maxAttempts: options.maxAttempts, now },
      settlements,
    )
    const live: ClaimedMessage[] = []
    for (const m of pending) {
      if (new Date(m.valid_until).getTime() <= now.getTime()) {
        settlements.push({
          id: m.id,
          status: { code: 202, at: now, detail: 'Validity period ended before hand-over' },
        })
      } else live.push(m)
    }
    pending = await dropBlocked(deps, live, now, settlements)
    await turnOver(ctx)
    const handOvers = await recordHandOvers(ctx, options, groupForHandOver(pending, options.handOverSize))
    const lastInDoubt: { m: ClaimedMessage; error: string }[] = []
    await forEachLimited(handOvers, options.concurrency, (h) =>
      submit(ctx, deps.gateway, options, h, settlements, lastInDoubt),
    )
    const errors = new Map(lastInDoubt.map(({ m, error }) => [m.id, error]))
    await closeInDoubt(
      deps.gateway,
      lastInDoubt.map(({ m }) => m),
      { now: ctx.clock.now(), error: (m) => errors.get(m.id) ?? 'no answer' },
      settlements,
    )
    await settle(ctx, options.owner, settlements)
  } finally {
    stopRenewing()
  }
}

/**
 * The recipient was blocklisted after the message was scheduled: 405, refunded. An opt-out confirmation is the
 * one message meant for a number that has just blocked the account, and goes out.
 */
async function dropBlocked(
  deps: HandOverDeps,
  messages: readonly ClaimedMessage[],
  now: Date,
  settlements: Settlement[],
): Promise<ClaimedMessage[]> {
  const byAccount = new Map<string, ClaimedMessage[]>()
  for (const m of messages) {
    const list = byAccount.get(m.account_id)
    if (list) list.push(m)
    else byAccount.set(m.account_id, [m])
  }
  const rest: ClaimedMessage[] = []
  for (const [accountId, list] of byAccount) {
    const blocked = await deps.blockedAmong(
      accountId,
      list.map((m) => m.recipient),
    )
    for (const m of list) {
      if (blocked.has(m.recipient) && m.opt_out !== 'confirmation') {
        settlements.push({
          id: m.id,
          status: {
            code: 405,
            at: now,
            detail: 'The number was blocklisted after the message was scheduled.',
          },
        })
      } else rest.push(m)
    }
  }
  return rest
}

/** Makes one hand-over's call and turns each answer into a settlement (or, past the last attempt, a doubt). */
async function submit(
  ctx: CoreContext,
  gateway: SmsGateway,
  options: HandOverOptions,
  handOver: HandOver,
  settlements: Settlement[],
  lastInDoubt: { m: ClaimedMessage; error: string }[],
): Promise<void> {
  const { messages } = handOver
  const outbound: OutboundSms[] = messages.map((m) => ({
    id: m.id,
    reference: handOver.id,
    sender: m.sender,
    recipient: m.recipient,
    body: m.body,
    encoding: m.encoding,
    validUntil: new Date(m.valid_until),
  }))
  let outcomes: SubmitOutcome[]
  try {
    outcomes = await gateway.submit(outbound)
  } catch (err) {
    // A call that threw may have been taken before it failed: in doubt.
    const error = err instanceof Error ? err.message : String(err)
    outcomes = messages.map((m) => ({ id: m.id, ok: false, transient: true, inDoubt: true, error }))
  }
  const byId = new Map(outcomes.map((o) => [o.id, o]))
  const now = ctx.clock.now()
  for (const m of messages) {
    const outcome: SubmitOutcome = byId.get(m.id) ?? {
      id: m.id,
      ok: false,
      transient: true,
      inDoubt: true,
      error: 'The gateway gave no answer',
    }
    if (outcome.ok) {
      settlements.push({ id: m.id, status: { code: 111, at: now, gatewayId: outcome.gatewayId } })
    } else if (outcome.transient && m.attempts < options.maxAttempts) {
      const delay = Math.min(options.backoffMs * 2 ** (m.attempts - 1), options.maxBackoffMs)
      settlements.push({ id: m.id, retryAt: new Date(now.getTime() + delay), error: outcome.error })
    } else if (outcome.transient && outcome.inDoubt) {
      lastInDoubt.push({ m, error: outcome.error })
    } else {
      const code = outcome.transient ? 516 : (outcome.code ?? 516)
      const detail = outcome.transient
        ? `Gave up after ${m.attempts} attempts: ${outcome.error}`
        : `The gateway refused it: ${outcome.error}`
      settlements.push({ id: m.id, status: { code, at: now, detail } })
    }
  }
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
}
