/**
 * Opt-out tokens for a whole batch at once, in the send's transaction: the account's existing tokens are read in
 * one query, the missing ones generated from one buffer of random bytes and written with multi-row inserts.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Dialect } from '../context.ts'
import { iso } from '../context.ts'
import { insertRows } from '../sending/bulk-insert.ts'
import type { Database } from '../store/schema.ts'

/** Up to this many numbers are looked up by value; above it the account's tokens are read once and matched. */
const DIRECT_LOOKUP_LIMIT = 1000

/** The base64url characters in byte order, so tokens compare as text in the order they were made. */
const SORTED_ALPHABET = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'
const ALPHABET_CODES = Uint8Array.from(SORTED_ALPHABET, (ch) => ch.charCodeAt(0))
const TIME_CHARS = 7
const COUNTER_CHARS = 3
const RANDOM_CHARS = 14

/**
 * `count` tokens of 24 base64url characters, ascending: 7 for the millisecond, 3 for the place in the batch, then
 * 84 random bits. A batch's tokens then go to the end of the token index instead of all over it, which keeps a
 * 100,000-link send from rewriting pages of the whole index; 84 random bits keep each one unguessable.
 */
export function sortableTokens(count: number, nowMs: number): string[] {
  const random = randomBytes(RANDOM_CHARS * count)
  const width = TIME_CHARS + COUNTER_CHARS + RANDOM_CHARS
  // Written as bytes and read back as flat strings: 100,000 tokens built char by char are 2.4 million ropes.
  const bytes = Buffer.allocUnsafe(width * count)
  for (let i = 0; i < count; i++) {
    const at = i * width
    for (let c = TIME_CHARS - 1, t = nowMs; c >= 0; c--, t = Math.floor(t / 64))
      bytes[at + c] = ALPHABET_CODES[t % 64] as number
    for (let c = COUNTER_CHARS - 1, n = i; c >= 0; c--, n = Math.floor(n / 64))
      bytes[at + TIME_CHARS + c] = ALPHABET_CODES[n % 64] as number
    for (let r = 0; r < RANDOM_CHARS; r++)
      bytes[at + TIME_CHARS + COUNTER_CHARS + r] = ALPHABET_CODES[
        (random[i * RANDOM_CHARS + r] as number) & 63
      ] as number
  }
  const tokens: string[] = new Array(count)
  for (let i = 0; i < count; i++) tokens[i] = bytes.toString('latin1', i * width, (i + 1) * width)
  return tokens
}

/** The token per number (E.164), creating those that do not exist yet; one token per account and number, reused. */
export async function tokensForNumbers(
  trx: Kysely<Database>,
  dialect: Dialect,
  accountId: string,
  numbers: readonly string[],
  now: Date,
): Promise<Map<string, string>> {
  const tokens = await existingTokens(trx, accountId, numbers)
  const missing = numbers.filter((n) => !tokens.has(n))
  if (missing.length === 0) return tokens
  const made = sortableTokens(missing.length, now.getTime())
  const rows: string[][] = new Array(missing.length)
  for (let i = 0; i < missing.length; i++) rows[i] = [made[i] as string, missing[i] as string]
  const inserted = await insertRows(trx, dialect, 'opt_out_tokens', {
    columns: [
      ['token', 'text'],
      ['number', 'text'],
    ],
    rows,
    constants: [
      ['account_id', 'text', accountId],
      ['created_at', 'text', iso(now)],
      ['used_at', 'text', null],
    ],
    skipConflictsOn: ['account_id', 'number'],
  })
  if (inserted === rows.length) {
    for (const [token, number] of rows) tokens.set(number as string, token as string)
    return tokens
  }
  // Another send created some of them first (PostgreSQL, concurrent sends): theirs are the ones to use.
  const stored = await existingTokens(trx, accountId, missing)
  for (const [number, token] of stored) tokens.set(number, token)
  return tokens
}

async function existingTokens(
  db: Kysely<Database>,
  accountId: string,
  numbers: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  if (numbers.length === 0) return found
  if (numbers.length <= DIRECT_LOOKUP_LIMIT) {
    const rows = await db
      .selectFrom('opt_out_tokens')
      .select(['number', 'token'])
      .where('account_id', '=', accountId)
      .where('number', 'in', [...new Set(numbers)])
      .execute()
    for (const r of rows) found.set(r.number, r.token)
    return found
  }
  const rows = await db
    .selectFrom('opt_out_tokens')
    .select(['number', 'token'])
    .where('account_id', '=', accountId)
    .execute()
  const all = new Map(rows.map((r) => [r.number, r.token]))
  for (const n of numbers) {
    const token = all.get(n)
    if (token !== undefined) found.set(n, token)
  }
  return found
}
