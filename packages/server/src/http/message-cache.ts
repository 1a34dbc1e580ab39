/**
 * A small in-process cache of message look-ups, as the JSON the API answers. Clients poll a message until it is
 * final, and support staff look the same one up again and again, so most look-ups repeat the one before.
 * Every status the core records in this process drops the entry at once (the event is emitted after the commit),
 * so on one server a look-up never answers with an older status than the store holds. A status recorded by
 * another process (several servers on one database) is seen within `ttlMs` for a message on its way, and within
 * `finalTtlMs` for a final one, whose status never changes again (only a late informational row can follow).
 */
import { boundedMap, type Desk } from '@smsdesk/core'

export interface MessageCache {
  get(accountId: string, messageId: string): string | undefined
  /**
   * Keeps `json`, read from the store starting at `readAt` (performance.now()), unless the message changed since:
   * a read that raced a change may hold the state from before it.
   */
  set(accountId: string, messageId: string, json: string, readAt: number, final: boolean): void
}

export interface MessageCacheOptions {
  /** How long another process's change to a message on its way may go unseen. Default 1 s. */
  ttlMs?: number
  /** The same for a final message. Default 5 s. */
  finalTtlMs?: number
  maxEntries?: number
}

export function createMessageCache(desk: Desk, opts: MessageCacheOptions = {}): MessageCache {
  const ttlMs = opts.ttlMs ?? 1_000
  const finalTtlMs = opts.finalTtlMs ?? 5_000
  // By message id, which is unique across accounts.
  const entries = boundedMap<{ accountId: string; json: string; until: number }>(opts.maxEntries ?? 10_000)
  const changes = recentChanges()

  desk.events.onStatusChange((event) => {
    changes.note(event.messageId, performance.now())
    entries.delete(event.messageId)
  })

  return {
    get(accountId, messageId) {
      const hit = entries.get(messageId)
      if (!hit || hit.accountId !== accountId) return undefined
      if (hit.until < performance.now()) {
        entries.delete(messageId)
        return undefined
      }
      return hit.json
    },
    set(accountId, messageId, json, readAt, final) {
      if (changes.since(messageId, readAt)) return
      entries.set(messageId, { accountId, json, until: performance.now() + (final ? finalTtlMs : ttlMs) })
    },
  }
}

/** A look-up's read takes milliseconds; a change older than this cannot have raced one. */
const RACE_HORIZON_MS = 10_000

/**
 * When messages last changed, kept for between one and two horizons in two generations: noting a change and
 * asking about one are O(1), and the oldest generation is dropped whole (a busy server records thousands of
 * statuses a second, so scanning one map to prune it would cost more than the look-ups it protects).
 */
function recentChanges() {
  let current = new Map<string, number>()
  let previous = new Map<string, number>()
  let startedAt = performance.now()
  return {
    note(messageId: string, at: number): void {
      if (at - startedAt >= RACE_HORIZON_MS) {
        previous = current
        current = new Map()
        startedAt = at
      }
      current.set(messageId, at)
    },
    /** Whether the message changed at or after `at`. */
    since(messageId: string, at: number): boolean {
      return (current.get(messageId) ?? previous.get(messageId) ?? -1) >= at
    },
  }
}
