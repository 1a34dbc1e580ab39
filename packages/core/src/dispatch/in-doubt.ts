/**
 * Messages whose hand-over may have reached the gateway without its answer reaching us: the gateway is asked by
 * the hand-over's reference before anything is decided, so a message is never sent twice nor refunded while held.
 */
import type { HandedOverSms, SmsGateway } from '../ports.ts'
import type { ClaimedMessage } from './claim.ts'
import type { Settlement } from './settle.ts'

/** What the gateway said about messages in doubt: held (with its id), not held, or it could not be asked. */
export type LookUp = { answered: true; held: Map<string, string> } | { answered: false; error: string }

/** Asks the gateway which of `messages` it holds. Never throws. */
export async function lookUp(gateway: SmsGateway, messages: readonly ClaimedMessage[]): Promise<LookUp> {
  if (messages.length === 0) return { answered: true, held: new Map() }
  if (!gateway.findByReference) return { answered: false, error: 'the gateway cannot be asked' }
  const asked: HandedOverSms[] = messages.map((m) => ({
    id: m.id,
    reference: m.hand_over_id ?? m.id,
    recipient: m.recipient,
  }))
  try {
    return { answered: true, held: await gateway.findByReference(asked) }
  } catch (err) {
    return { answered: false, error: err instanceof Error ? err.message : String(err) }
  }
}

/**
 * Before a claimed batch is sent: messages with an earlier hand-over on record (a crash, a timeout or an error
 * after it was recorded) are looked up. Held → 111 with the gateway's id. Not held → sent again under a new
 * hand-over. Gateways that cannot be asked get them again (the new reference lets them see the duplicate).
 * If the gateway cannot answer, they stay leased until it runs out and are asked again then; past the last
 * attempt they close as 599 Unknown, not refunded, and a later report may still tell their true end.
 */
export async function settleInDoubt(
  gateway: SmsGateway,
  claimed: readonly ClaimedMessage[],
  args: { maxAttempts: number; now: Date },
  settlements: Settlement[],
): Promise<ClaimedMessage[]> {
  const inDoubt = claimed.filter((m) => m.hand_over_id !== null && m.gateway_id === null)
  if (inDoubt.length === 0 || !gateway.findByReference) return [...claimed]
  const answer = await lookUp(gateway, inDoubt)
  const doubtful = new Set(inDoubt.map((m) => m.id))
  if (!answer.answered) {
    console.error(
      `smsdesk: could not ask the gateway about ${inDoubt.length} in-doubt messages: ${answer.error}`,
    )
    for (const m of inDoubt)
      if (m.attempts > args.maxAttempts) settlements.push(unknownAfter(m, args.now, answer.error))
    return claimed.filter((m) => !doubtful.has(m.id))
  }
  const rest: ClaimedMessage[] = []
  for (const m of claimed) {
    const gatewayId = answer.held.get(m.id)
    if (gatewayId !== undefined)
      settlements.push({
        id: m.id,
        status: {
          code: 111,
          at: args.now,
          gatewayId,
          detail: 'Found at the gateway by its hand-over reference',
        },
      })
    else rest.push(m)
  }
  return rest
}

/**
 * The last attempt's answer never came: ask the gateway now. Held → 111; otherwise 599 Unknown — no refund, since
 * the gateway may still have it (a later delivery report moves it on to its true final code).
 */
export async function closeInDoubt(
  gateway: SmsGateway,
  messages: readonly ClaimedMessage[],
  args: { now: Date; error: (m: ClaimedMessage) => string },
  settlements: Settlement[],
): Promise<void> {
  if (messages.length === 0) return
  const answer = await lookUp(gateway, messages)
  for (const m of messages) {
    const gatewayId = answer.answered ? answer.held.get(m.id) : undefined
    if (gatewayId !== undefined) {
      settlements.push({
        id: m.id,
        status: {
          code: 111,
          at: args.now,
          gatewayId,
          detail: 'Found at the gateway after an unanswered hand-over',
        },
      })
      continue
    }
    const why = answer.answered
      ? 'the gateway does not list it (yet)'
      : `the gateway could not be asked: ${answer.error}`
    settlements.push(unknownAfter(m, args.now, `${args.error(m)}; ${why}`))
  }
}

function unknownAfter(m: ClaimedMessage, now: Date, reason: string): Settlement {
  return {
    id: m.id,
    status: {
      code: 599,
      at: now,
      detail: `In doubt after ${m.attempts} attempts (${reason}): not refunded, a delivery report may still settle it`,
    },
  }
}
