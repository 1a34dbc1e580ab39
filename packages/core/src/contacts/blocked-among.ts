/** Which of many numbers an account has blocked — one query whatever the list's size, on either dialect. */
import { type Kysely, sql } from 'kysely'
import type { Dialect } from '../context.ts'
import type { Database } from '../store/schema.ts'

/**
 * The subset of `numbers` (E.164) on the account's blocklist. The numbers travel as ONE parameter (a JSON array
 * on SQLite, a text[] on PostgreSQL), so 100,000 recipients cost one round trip and no parameter-limit chunking.
 */
export async function blockedAmong(
  db: Kysely<Database>,
  dialect: Dialect,
  accountId: string,
  numbers: readonly string[],
): Promise<Set<string>> {
  if (!numbers.length) return new Set()
  const unique = [...new Set(numbers)]
  const candidates =
    dialect === 'postgres'
      ? sql<string>`(select unnest(${unique}::text[]))`
      : sql<string>`(select value from json_each(${JSON.stringify(unique)}))`
  const rows = await db
    .selectFrom('blocklist')
    .select('number')
    .where('account_id', '=', accountId)
    .where('number', 'in', candidates)
    .execute()
  return new Set(rows.map((r) => r.number))
}
