/**
 * A token bucket per API key, in this process's memory. With several server processes each keeps its own
 * buckets, so the effective limit is per process (documented in the README).
 */

export interface RateLimitDecision {
  allowed: boolean
  limit: number
  remaining: number
  /** Whole seconds until one more request would be allowed; 0 when allowed. */
  retryAfterSeconds: number
}

export interface RateLimiter {
  take(key: string): RateLimitDecision
}

interface Bucket {
  tokens: number
  updatedMs: number
}

/** `perMinute` requests per minute per key, in bursts of up to `perMinute`; 0 turns limiting off. */
export function createRateLimiter(
  perMinute: number,
  now: () => number = () => performance.now(),
): RateLimiter {
  const buckets = new Map<string, Bucket>()
  const refillPerMs = perMinute / 60_000
  let lastSweep = now()

  /** Full buckets carry no information; drop them now and then so idle keys cost no memory. */
  function sweep(at: number): void {
    if (at - lastSweep < 60_000) return
    lastSweep = at
    for (const [key, b] of buckets) {
      if (b.tokens + (at - b.updatedMs) * refillPerMs >= perMinute) buckets.delete(key)
    }
  }

  return {
    take(key) {
      if (perMinute <= 0) return { allowed: true, limit: 0, remaining: 0, retryAfterSeconds: 0 }
      const at = now()
      sweep(at)
      const b = buckets.get(key) ?? { tokens: perMinute, updatedMs: at }
      b.tokens = Math.min(perMinute, b.tokens + (at - b.updatedMs) * refillPerMs)
      b.updatedMs = at
      buckets.set(key, b)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return { allowed: true, limit: perMinute, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 }
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - b.tokens) / refillPerMs / 1000))
      return { allowed: false, limit: perMinute, remaining: 0, retryAfterSeconds }
    },
  }
}
