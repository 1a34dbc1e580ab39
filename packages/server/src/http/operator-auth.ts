/** The operator router's own authentication: operator keys only, per-key rate limit, and an audit row for every call. */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Desk, OperatorPrincipal } from '@smsdesk/core'
import type { Context, MiddlewareHandler } from 'hono'
import type { Logger } from 'pino'
import type { AppEnv } from './env.ts'
import { errorJson } from './errors.ts'
import type { RateLimiter } from './rate-limit.ts'

/**
 * Middleware for every operator route: 401 without a valid operator key (an account key is not one), 429 over the
 * key's rate; then, once the call is answered, one audit row with who, what, which account, the outcome and the
 * caller's address. Keys are looked up each time: there are few operators and revocation must bite at once.
 */
export function operatorAuthentication(
  desk: Desk,
  limiter: RateLimiter,
  logger: Logger,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '')
    const principal = match ? await desk.operator.staff.authenticate(match[1]!) : null
    if (!principal) {
      return errorJson(c, 401, {
        code: 'Unauthorized',
        message:
          'The operator API needs an operator key: send "Authorization: Bearer smso_…". Account keys do not work here.',
      })
    }
    const decision = limiter.take(principal.keyId)
    if (!decision.allowed) {
      return errorJson(
        c,
        429,
        {
          code: 'RateLimited',
          message: `Too many requests for this operator key. Try again in ${decision.retryAfterSeconds} s.`,
        },
        { 'Retry-After': String(decision.retryAfterSeconds) },
      )
    }
    c.set('operator', principal)
    try {
      await next()
    } finally {
      await recordCall(desk, c, principal).catch((err: unknown) =>
        logger.error({ err, reqId: c.get('requestId') }, 'operator call not audited'),
      )
    }
  }
}

/** 403 for the `support` role: it reads across accounts but never changes money or settings. */
export const operatorOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('operator').role !== 'operator') {
    return errorJson(c, 403, {
      code: 'Forbidden',
      message:
        'The support role may only read; changing accounts, money or settings needs the operator role.',
    })
  }
  await next()
}

async function recordCall(desk: Desk, c: Context<AppEnv>, principal: OperatorPrincipal): Promise<void> {
  await desk.audit.record({
    operatorId: principal.operatorId,
    operatorName: principal.name,
    action: `${c.req.method} ${c.req.path}`,
    accountId: c.get('auditAccountId') ?? (await accountInPath(desk, c.req.path)),
    target: c.get('auditTarget') ?? null,
    via: 'api',
    origin: callerAddress(c),
    outcome: c.res.status,
  })
}

/** For a call refused before its handler ran (403, 422): the account its path names, when there is one. */
async function accountInPath(desk: Desk, path: string): Promise<string | null> {
  const named = /\/operator\/accounts\/([^/]+)/.exec(path)?.[1]
  if (!named) return null
  try {
    return (await desk.operator.accounts.find(decodeURIComponent(named))).id
  } catch {
    return null
  }
}

/** The connection's address, with what a proxy says beside it (never instead of it: anyone can send the header). */
function callerAddress(c: Context<AppEnv>): string | null {
  let remote: string | undefined
  try {
    remote = getConnInfo(c).remote.address
  } catch {
    // app.request() in tests has no socket.
  }
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
  if (remote && forwarded) return `${remote} (forwarded for ${forwarded})`
  return remote ?? (forwarded ? `forwarded for ${forwarded}` : null)
}
