/** Ledger rows: every balance change is one appended entry carrying the balance after it. */
import { type Kysely, sql } from 'kysely'
import { iso } from '../context.ts'
import type { LedgerEntry, Page } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { money } from '../money.ts'
import type { Database, LedgerRow } from '../store/schema.ts'

export interface NewLedgerEntry {
  accountId: string
  amount: number
  balanceAfter: number
  kind: LedgerEntry['kind']
  batchId?: string | null
  messageId?: string | null
  note?: string | null
  at: Date
}

/** The columns an entry is written with, in this order (here, and by a send's charge on PostgreSQL). */
export const LEDGER_ENTRY_COLUMNS = sql`("account_id", "amount", "balance_after", "kind", "batch_id", "message_id",
  "note", "created_at")`

/** Appends one entry; call it in the transaction that changed the balance. */
export async function appendLedgerEntry(db: Kysely<Database>, entry: NewLedgerEntry): Promise<void> {
  // Written as SQL, not built per call: every send and refund appends one.
  await sql`insert into "ledger_entries" ${LEDGER_ENTRY_COLUMNS}
    values (${entry.accountId}, ${entry.amount}, ${entry.balanceAfter}, ${entry.kind}, ${entry.batchId ?? null},
      ${entry.messageId ?? null}, ${entry.note ?? null}, ${iso(entry.at)})`.execute(db)
}

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 500

/** Newest first; the cursor is the id of the last entry on the previous page. */
export async function listLedgerEntries(
  db: Kysely<Database>,
  accountId: string,
  currency: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<Page<LedgerEntry>> {
  const limit = pageLimit(page.limit)
  let query = db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .limit(limit + 1)
  if (page.cursor !== undefined) {
    const after = Number(page.cursor)
    if (!Number.isSafeInteger(after) || after < 0)
      throw new DeskError('InvalidRequest', 'Unknown ledger cursor.', { details: { field: 'cursor' } })
    query = query.where('id', '<', after)
  }
  const rows = await query.execute()
  const items = rows.slice(0, limit).map((r) => rowToLedgerEntry(r, currency))
  const last = items.at(-1)
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null }
}

/** A page size: default 50, at most 500; anything else is an `InvalidRequest`. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw new DeskError('InvalidRequest', `limit must be 1 to ${MAX_PAGE_SIZE}.`, {
      details: { field: 'limit' },
    })
  return limit
}

export function rowToLedgerEntry(row: LedgerRow, currency: string): LedgerEntry {
  return {
    id: Number(row.id),
    amount: money(Number(row.amount), currency),
    balanceAfter: money(Number(row.balance_after), currency),
    kind: row.kind,
    batchId: row.batch_id,
    messageId: row.message_id,
    note: row.note,
    reference: row.reference,
    createdAt: new Date(row.created_at),
  }
}
