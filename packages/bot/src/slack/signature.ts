/**
 * Slack request verification: Bolt's v0 check (HMAC-SHA256 over `v0:timestamp:body`, constant-time compare),
 * plus what it leaves out — timestamps from the future, and a replayed request inside the 5-minute window.
 */

import { createHmac } from 'node:crypto'
import { verifySlackRequest } from '@slack/bolt'

export const WINDOW_SECONDS = 5 * 60

const SIGNATURE = /^v0=[0-9a-f]{64}$/
const TIMESTAMP = /^\d{1,12}$/

export class SlackRequestVerifier {
  readonly #secret: string
  readonly #nowMs: () => number
  /** Signatures already accepted, with the time (ms) after which their timestamp is stale anyway. */
  readonly #seen = new Map<string, number>()

  constructor(signingSecret: string, nowMs: () => number = Date.now) {
    if (signingSecret === '') throw new Error('Slack: the signing secret is empty')
    this.#secret = signingSecret
    this.#nowMs = nowMs
  }

  /** True for a fresh, correctly signed request seen for the first time; false for anything else. */
  verify(timestamp: string | null, signature: string | null, rawBody: string): boolean {
    if (timestamp === null || signature === null) return false
    if (!TIMESTAMP.test(timestamp) || !SIGNATURE.test(signature)) return false
    const now = this.#nowMs()
    const ts = Number(timestamp)
    if (Math.abs(Math.floor(now / 1000) - ts) > WINDOW_SECONDS) return false
    try {
      verifySlackRequest({
        signingSecret: this.#secret,
        body: rawBody,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
        nowMilliseconds: now,
      })
    } catch {
      return false
    }
    this.#forgetStale(now)
    if (this.#seen.has(signature)) return false
    this.#seen.set(signature, (ts + WINDOW_SECONDS + 1) * 1000)
    return true
  }

  #forgetStale(now: number): void {
    // Insertion order is nearly timestamp order, so stale entries sit at the front.
    for (const [signature, staleAt] of this.#seen) {
      if (staleAt > now) break
      this.#seen.delete(signature)
    }
  }
}

/** Signs a body the way Slack does; for tests, benchmarks and local tools. */
export function signSlackBody(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number,
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')
  return { 'x-slack-request-timestamp': String(timestampSeconds), 'x-slack-signature': `v0=${digest}` }
}
