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
const TOKEN_BYTES = 18

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
  const random = randomBytes(TOKEN_BYTES * missing.length)
  const rows: string[][] = new Array(missing.length)
  for (let i = 0; i < missing.length; i++) {
    // 144 random bits as 24 base64url characters, the same form as a single link's token.
    const token = random.subarray(i * TOKEN_BYTES, (i + 1) * TOKEN_BYTES).toString('base64url')
    rows[i] = [token, missing[i] as string]
  }
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
