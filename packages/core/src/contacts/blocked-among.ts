/** Which of many numbers an account has blocked — fast for a single recipient and for 100,000. */
import type { Kysely } from 'kysely'
import type { Dialect } from '../context.ts'
import type { Database } from '../store/schema.ts'

/** Up to this many numbers are looked up directly; above it the account's list is read once and intersected. */
export const DIRECT_LOOKUP_LIMIT = 1000

/**
 * The subset of `numbers` (E.164) on the account's blocklist.
 * Measured for 100,000 numbers on 2 shared cores: reading the account's list once and intersecting in memory takes
 * ~4 ms (SQLite) / ~5 ms (PostgreSQL) with 100 blocked numbers and ~60–105 / ~70–90 ms with 50,000 blocked,
 * against 220–460 ms for one query passing every number (json_each / unnest) and 230–1,840 ms for chunked IN lists.
 */
export async function blockedAmong(
  db: Kysely<Database>,
  // Both dialects now take the same path; the parameter stays so the dispatcher's call sites keep their shape.
  _dialect: Dialect,
  accountId: string,
  numbers: readonly string[],
): Promise<Set<string>> {
  if (!numbers.length) return new Set()
  if (numbers.length <= DIRECT_LOOKUP_LIMIT) {
    const unique = [...new Set(numbers)]
    const rows = await db
      .selectFrom('blocklist')
      .select('number')
      .where('account_id', '=', accountId)
      .where('number', 'in', unique)
      .execute()
    return new Set(rows.map((r) => r.number))
  }
  const rows = await db.selectFrom('blocklist').select('number').where('account_id', '=', accountId).execute()
  const blocked = new Set(rows.map((r) => r.number))
  const found = new Set<string>()
  for (const n of numbers) if (blocked.has(n)) found.add(n)
  return found
}
