/** Which caller a public route's rate limit counts a request against. */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The connection's address. `X-Forwarded-For` is read only when there is no socket at all (`app.request()` in
 * tests), because anyone can send it: with a socket, a forged header never buys a fresh allowance.
 */
export function rateLimitKey(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address
    if (address) return address
  } catch {
    // app.request() in tests has no socket; fall through.
  }
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown'
}
