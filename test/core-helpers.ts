/** Shared helpers for the core's cross-module tests. */
import type { Desk, MessageDetail } from '@smsdesk/core'

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
    const messages = await Promise.all(ids.map((id) => desk.getMessage(accountId, id)))
    return messages.every(done) ? messages : undefined
  }, timeoutMs)
}

/** A Swedish mobile number ending in the three digits `last3`. */
export function seNumberEndingIn(last3: number | string, prefix = '+4670123'): string {
  return `${prefix}${String(last3).padStart(4, '0')}`
}
