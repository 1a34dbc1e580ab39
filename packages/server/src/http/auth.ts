/** API-key authentication, per-key rate limiting and role checks, as one route middleware. */
import { type Action, can, type Desk, type Principal } from '@smsdesk/core'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.ts'
import { errorJson } from './errors.ts'
import type { RateLimiter } from './rate-limit.ts'

const WHAT_ROLE_MAY: Record<Action, string> = {
  read: 'read',
  send: 'send messages',
  edit_contacts: 'change contacts and the blocklist',
  manage_money: 'manage the balance',
  manage_users: 'manage users and API keys',
  manage_senders: 'request senders',
  manage_settings: 'change the account’s settings',
}

export interface Authorizer {
  /** Middleware: 401 without a valid key, 429 over the key's rate, 403 when the key's role may not `action`. */
  (action: Action): MiddlewareHandler<AppEnv>
  /** Forget cached keys (after a revocation) so the next request asks the store again. */
  forget(keyId: string): void
}

/**
 * Builds the authorizer. Successful look-ups are cached for `cacheMs` (default 2 s) so a busy key costs no
 * query per request; a revocation through this server takes effect at once, through another within `cacheMs`.
 */
export function createAuthorizer(desk: Desk, limiter: RateLimiter, cacheMs = 2_000): Authorizer {
  const cache = new Map<string, { principal: Principal; until: number }>()

  async function principalFor(rawKey: string): Promise<Principal | null> {
    const now = performance.now()
    const hit = cache.get(rawKey)
    if (hit && hit.until > now) return hit.principal
    const principal = await desk.apiKeys.authenticate(rawKey)
    if (principal) {
      if (cache.size > 10_000) cache.clear()
      cache.set(rawKey, { principal, until: now + cacheMs })
    } else cache.delete(rawKey)
    return principal
  }

  const authorize = ((action: Action): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      const header = c.req.header('authorization') ?? ''
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)
      if (!match) {
        return errorJson(c, 401, {
          code: 'Unauthorized',
          message: header
            ? 'The Authorization header must be "Bearer <api key>".'
            : 'This endpoint needs an API key: send the header "Authorization: Bearer <api key>".',
        })
      }
      const principal = await principalFor(match[1]!)
      if (!principal) {
        return errorJson(c, 401, {
          code: 'Unauthorized',
          message: 'The API key is unknown or has been revoked.',
        })
      }
      const decision = limiter.take(principal.keyId ?? principal.userId)
      if (decision.limit > 0) {
        c.header('RateLimit-Limit', String(decision.limit))
        c.header('RateLimit-Remaining', String(decision.remaining))
      }
      if (!decision.allowed) {
        return errorJson(
          c,
          429,
          {
            code: 'RateLimited',
            message: `Too many requests for this API key (limit ${decision.limit} per minute). Try again in ${decision.retryAfterSeconds} s.`,
          },
          { 'Retry-After': String(decision.retryAfterSeconds) },
        )
      }
      if (!can(principal.role, action)) {
        return errorJson(c, 403, {
          code: 'Forbidden',
          message: `The ${principal.role} role may not ${WHAT_ROLE_MAY[action]}; ask an admin of the account.`,
        })
      }
      c.set('principal', principal)
      await next()
    }) as Authorizer

  authorize.forget = (keyId) => {
    for (const [raw, entry] of cache) if (entry.principal.keyId === keyId) cache.delete(raw)
  }
  return authorize
}
