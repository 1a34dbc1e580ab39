/**
 * What happens to a claimed batch: settle in-doubt ones with the gateway, expire the overdue, stop numbers
 * blocked since scheduling, hand the rest to the gateway and record each answer.
 */
import type { CoreContext } from '../context.ts'
import type { OutboundSms, SmsGateway, SubmitOutcome } from '../ports.ts'
import type { ClaimedMessage } from './claim.ts'
import { type Settlement, settle } from './settle.ts'

export interface HandOverOptions {
  owner: string
  maxAttempts: number
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs: number
  maxBackoffMs: number
}

export interface HandOverDeps {
  gateway: SmsGateway
  blockedAmong(accountId: string, numbers: string[]): Promise<Set<string>>
}

/** Hands a claimed batch over and records the outcome of every message in it. */
export async function handOver(
  ctx: CoreContext,
  deps: HandOverDeps,
  options: HandOverOptions,
  claimed: readonly ClaimedMessage[],
): Promise<void> {
  const settlements: Settlement[] = []
  let pending = await settleInDoubt(ctx, deps.gateway, claimed, settlements)

  const now = ctx.clock.now()
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
  if (pending.length > 0) await submit(ctx, deps.gateway, options, pending, settlements)
  await settle(ctx, options.owner, settlements)
}

/**
 * A message tried before may already be at the gateway (a crash or timeout after submit, before its answer was
 * stored). Ask the gateway by reference — our message id — so it is never sent twice. Gateways without
 * `findByReference` get it again; the reference lets them drop the duplicate.
 */
async function settleInDoubt(
  ctx: CoreContext,
  gateway: SmsGateway,
  claimed: readonly ClaimedMessage[],
  settlements: Settlement[],
): Promise<ClaimedMessage[]> {
  const inDoubt = claimed.filter((m) => m.attempts > 1 && m.gateway_id === null)
  if (inDoubt.length === 0 || !gateway.findByReference) return [...claimed]
  let held: Map<string, string>
  try {
    held = await gateway.findByReference(inDoubt.map((m) => m.id))
  } catch (err) {
    // Cannot tell: leave them leased until it runs out and ask again then; send only the fresh ones.
    console.error('smsdesk: gateway findByReference failed; in-doubt messages wait for the next try', err)
    const doubtful = new Set(inDoubt.map((m) => m.id))
    return claimed.filter((m) => !doubtful.has(m.id))
  }
  const now = ctx.clock.now()
  const rest: ClaimedMessage[] = []
  for (const m of claimed) {
    const gatewayId = held.get(m.id)
    if (gatewayId !== undefined) {
      settlements.push({
        id: m.id,
        status: { code: 111, at: now, gatewayId, detail: 'Found at the gateway after a restart' },
      })
    } else rest.push(m)
  }
  return rest
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

async function submit(
  ctx: CoreContext,
  gateway: SmsGateway,
  options: HandOverOptions,
  messages: readonly ClaimedMessage[],
  settlements: Settlement[],
): Promise<void> {
  const outbound: OutboundSms[] = messages.map((m) => ({
    id: m.id,
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
    const error = err instanceof Error ? err.message : String(err)
    outcomes = messages.map((m) => ({ id: m.id, ok: false, transient: true, error }))
  }
  const byId = new Map(outcomes.map((o) => [o.id, o]))
  const now = ctx.clock.now()
  for (const m of messages) {
    const outcome = byId.get(m.id) ?? {
      id: m.id,
      ok: false,
      transient: true,
      error: 'The gateway gave no answer',
    }
    if (outcome.ok) {
      settlements.push({ id: m.id, status: { code: 111, at: now, gatewayId: outcome.gatewayId } })
    } else if (outcome.transient && m.attempts < options.maxAttempts) {
      const delay = Math.min(options.backoffMs * 2 ** (m.attempts - 1), options.maxBackoffMs)
      settlements.push({ id: m.id, retryAt: new Date(now.getTime() + delay), error: outcome.error })
    } else {
      const code = outcome.transient ? 516 : (outcome.code ?? 516)
      const detail = outcome.transient
        ? `Gave up after ${m.attempts} attempts: ${outcome.error}`
        : `The gateway refused it: ${outcome.error}`
      settlements.push({ id: m.id, status: { code, at: now, detail } })
    }
  }
}
