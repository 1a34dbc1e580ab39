/**
 * A small in-process cache of look-ups of FINAL messages, as the JSON the API answers. A final message's status
 * never changes again, so repeated look-ups (support, dashboards, clients re-checking) need not read the store.
 * Its history can still gain a late informational row; every status the core records in this process drops the
 * entry at once, and `ttlMs` bounds how long one recorded by another process (several servers on PostgreSQL)
 * can go unseen.
 */
import type { Desk } from '@smsdesk/core'

export interface FinalMessageCache {
  get(accountId: string, messageId: string): string | undefined
  /** Keeps `json`, read from the store starting at `readAt` (performance.now()), unless the message changed since. */
  set(accountId: string, messageId: string, json: string, readAt: number): void
}

export function createFinalMessageCache(
  desk: Desk,
  opts: { ttlMs?: number; maxEntries?: number } = {},
): FinalMessageCache {
  const ttlMs = opts.ttlMs ?? 5_000
  const maxEntries = opts.maxEntries ?? 10_000
  const entries = new Map<string, { json: string; until: number }>()
  const byMessage = new Map<string, string>()
  /** When each message last changed, so a read that raced a change is not kept. Pruned as it grows. */
  const changedAt = new Map<string, number>()

  desk.onStatusChange((event) => {
    const now = performance.now()
    if (changedAt.size > 50_000) {
      for (const [id, at] of changedAt) if (now - at > 60_000) changedAt.delete(id)
    }
    changedAt.set(event.messageId, now)
    const key = byMessage.get(event.messageId)
    if (key !== undefined) {
      entries.delete(key)
      byMessage.delete(event.messageId)
    }
  })

  return {
    get(accountId, messageId) {
      const key = `${accountId}\u0000${messageId}`
      const hit = entries.get(key)
      if (!hit) return undefined
      if (hit.until < performance.now()) {
        entries.delete(key)
        byMessage.delete(messageId)
        return undefined
      }
      return hit.json
    },
    set(accountId, messageId, json, readAt) {
      if ((changedAt.get(messageId) ?? -1) >= readAt) return
      const key = `${accountId}\u0000${messageId}`
      if (entries.size >= maxEntries) {
        // Oldest first: a Map iterates in insertion order.
        const oldest = entries.keys().next().value
        if (oldest !== undefined) {
          entries.delete(oldest)
          byMessage.delete(oldest.slice(oldest.indexOf('\u0000') + 1))
        }
      }
      entries.set(key, { json, until: performance.now() + ttlMs })
      byMessage.set(messageId, key)
    },
  }
}
