/** API keys: random, shown once, stored only as a SHA-256 hash plus a short prefix people can recognise. */
import { createHash, randomBytes } from 'node:crypto'
import type { Selectable } from 'kysely'
import type { ApiKeyInfo } from '../desk.ts'
import type { ApiKeysTable } from '../store/schema.ts'

export const API_KEY_PREFIX = 'smsd_'
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const KEY_CHARS = 32
/** `smsd_` plus 7 characters: enough to tell keys apart in a list, far too little to guess the rest (~149 bits). */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 7
/** `last_used_at` is refreshed at most this often, so authenticating stays a read on the hot path. */
export const LAST_USED_RESOLUTION_MS = 60_000

/** A new raw key: `smsd_` + 32 base62 characters (~190 bits) from the CSPRNG, without modulo bias. */
export function generateApiKey(): string {
  return randomKey(API_KEY_PREFIX)
}

/** `prefix` + 32 base62 characters from the CSPRNG, without modulo bias: the shape of every smsdesk key. */
export function randomKey(prefix: string): string {
  let out = ''
  while (out.length < KEY_CHARS) {
    for (const byte of randomBytes(KEY_CHARS * 2)) {
      // 248 = 4 × 62: bytes above it would make the first characters likelier, so they are dropped.
      if (byte < 248 && out.length < KEY_CHARS) out += BASE62[byte % 62]
    }
  }
  return prefix + out
}

export function hashApiKey(rawKey: string): string {
  return createHash('sha256').update(rawKey, 'utf8').digest('hex')
}

export function displayPrefix(rawKey: string): string {
  return rawKey.slice(0, DISPLAY_PREFIX_LENGTH)
}

const KEY_FORMAT = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${KEY_CHARS}}$`)

/** True for exactly the format smsdesk issues (`smsd_` + 32 base62 characters): what a chosen key must match. */
export function isWellFormedApiKey(rawKey: string): boolean {
  return KEY_FORMAT.test(rawKey)
}

/** Cheap shape check before touching the database: junk never costs a query. */
export function looksLikeApiKey(rawKey: unknown): rawKey is string {
  return (
    typeof rawKey === 'string' &&
    rawKey.length === API_KEY_PREFIX.length + KEY_CHARS &&
    rawKey.startsWith(API_KEY_PREFIX)
  )
}

export function rowToApiKeyInfo(row: Selectable<ApiKeysTable>): ApiKeyInfo {
  return {
    id: row.id,
    userId: row.user_id,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  }
}

/** Whether a key last used at `lastUsedAt` should have its timestamp refreshed at `now`. */
export function lastUsedIsStale(lastUsedAt: string | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - Date.parse(lastUsedAt) >= LAST_USED_RESOLUTION_MS
}
