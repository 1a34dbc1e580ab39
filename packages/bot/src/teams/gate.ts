/**
 * What an activity must pass before the Bot Framework adapter sees it: a bearer token shaped like the Bot
 * Framework's (RS256-family JWT, not expired) when the bot has an app id, and a serviceUrl on the allowed hosts —
 * the only place the bot ever posts to. The adapter still verifies the token's signature and claims; this only
 * refuses early what can never verify, without fetching signing keys on a stranger's behalf.
 */

import type { TeamsConfig } from '../config.ts'

/** botframework-connector's `AuthenticationConstants.AllowedSigningAlgorithms`. */
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512'])
/** botframework-connector allows five minutes of clock skew; so do we. */
const CLOCK_SKEW_SECONDS = 300

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

/** Whether the bot may post to `serviceUrl`: loopback only without authentication, else the configured hosts. */
export function isAllowedServiceUrl(
  serviceUrl: unknown,
  config: Pick<TeamsConfig, 'auth' | 'serviceUrlHosts'>,
) {
  if (typeof serviceUrl !== 'string') return false
  let url: URL
  try {
    url = new URL(serviceUrl)
  } catch {
    return false
  }
  if (url.username !== '' || url.password !== '') return false
  const loopback = isLoopbackHost(url.hostname)
  if (config.auth === 'unauthenticated')
    return loopback && (url.protocol === 'http:' || url.protocol === 'https:')
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) return false
  const host = url.hostname.toLowerCase()
  return config.serviceUrlHosts.some((allowed) =>
    allowed.startsWith('*.')
      ? host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1
      : host === allowed,
  )
}

/** Whether an `Authorization` header could hold a Bot Framework token at all (signature not checked here). */
export function isPlausibleBearer(header: string | null, nowSeconds: number): boolean {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header ?? '')
  if (!match) return false
  const head = decodeJson(match[1] ?? '')
  const claims = decodeJson(match[2] ?? '')
  if (head === null || claims === null) return false
  if (typeof head.alg !== 'string' || !SIGNING_ALGORITHMS.has(head.alg)) return false
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < nowSeconds) return false
  return true
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}
