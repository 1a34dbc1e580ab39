/** Shared helpers for the core's cross-module tests. */
import type { Desk, MessageDetail, OutboundSms, SmsGateway, SubmitOutcome } from '@smsdesk/core'

/** Polls until `check` returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error('waitFor: timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Waits until every message is at one of `codes` (default: any final code), and returns them. */
export async function waitForStatuses(
  desk: Desk,
  accountId: string,
  ids: readonly string[],
  done: (m: MessageDetail) => boolean = (m) => m.final,
  timeoutMs = 10_000,
): Promise<MessageDetail[]> {
  return waitFor(async () => {
    const messages = await Promise.all(ids.map((id) => desk.messages.get(accountId, id)))
    return messages.every(done) ? messages : undefined
  }, timeoutMs)
}

/** A Swedish mobile number ending in the three digits `last3`. */
export function seNumberEndingIn(last3: number | string, prefix = '+4670123'): string {
  return `${prefix}${String(last3).padStart(4, '0')}`
}

/** What a scripted gateway answers for one message on its `attempt`-th submission (1-based). */
export type Script = (message: OutboundSms, attempt: number) => SubmitOutcome | 'throw'

/**
 * A stand-in upstream gateway that follows the `SmsGateway` contract and answers from a script: it counts
 * submissions per reference (our message id) and remembers what it accepted, so `findByReference` can answer.
 */
export function createScriptedGateway(
  script: Script,
  opts: { findByReference?: boolean; delayMs?: number } = {},
): SmsGateway & { submissions: Map<string, number>; held: Map<string, string> } {
  const submissions = new Map<string, number>()
  const held = new Map<string, string>()
  let next = 0
  const gateway: SmsGateway & { submissions: Map<string, number>; held: Map<string, string> } = {
    name: 'scripted',
    submissions,
    held,
    async submit(messages) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs))
      let fail = false
      const out = messages.map((m) => {
        const attempt = (submissions.get(m.id) ?? 0) + 1
        submissions.set(m.id, attempt)
        const answer = script(m, attempt)
        if (answer === 'throw') {
          // The gateway took it, but its answer is lost (a timeout): the caller only sees an error.
          held.set(m.id, `gw-${++next}`)
          fail = true
          return { id: m.id, ok: false as const, transient: true, error: 'lost' }
        }
        if (answer.ok) held.set(m.id, answer.gatewayId)
        return answer
      })
      if (fail) throw new Error('gateway timed out')
      return out
    },
  }
  if (opts.findByReference) {
    gateway.findByReference = async (asked) =>
      new Map(asked.flatMap(({ id }) => (held.has(id) ? [[id, held.get(id) as string]] : [])))
  }
  return gateway
}
