/**
 * A state store whose states work once: `ClearStateStore` signs and times them (with `SLACK_STATE_SECRET`), and a
 * state seen at the redirect is remembered until it would have expired anyway, so a replayed redirect is refused.
 * Kept per process: a state is bound to the browser's cookie too, and Slack's `code` is single-use on its side.
 */

import slackOAuth, { type InstallURLOptions, InvalidStateError, type StateStore } from '@slack/oauth'

// A CommonJS re-export Node's ESM loader does not see as a named export; the package object has it.
const { ClearStateStore } = slackOAuth

export function oneTimeStateStore(secret: string, expirySeconds: number): StateStore {
  const signed = new ClearStateStore(secret, expirySeconds)
  /** State → when it stops being valid (ms); pruned as it grows. */
  const used = new Map<string, number>()
  return {
    generateStateParam: (options, now) => signed.generateStateParam(options, now),
    async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
      for (const [seen, until] of used) if (until < now.getTime()) used.delete(seen)
      if (used.has(state)) throw new InvalidStateError('The state value was already used')
      const options = await signed.verifyStateParam(now, state)
      used.set(state, now.getTime() + expirySeconds * 1000)
      return options
    },
  }
}
