/** Reading messages: one with its whole history, pages of them newest first, and a batch's tally. */
import { type Kysely, sql } from 'kysely'
import type { BatchSummary, MessageDetail, MessageFilter, MessageSummary, Page } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { pageLimit } from '../ledger/entries.ts'
import { money } from '../money.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import type { Database, MessageRow } from '../store/schema.ts'
import { rowToMessageDetail, rowToMessageSummary, SUMMARY_COLUMNS, type SummaryRow } from './mappers.ts'

const DETAIL_COLUMNS = [...SUMMARY_COLUMNS, 'gateway_id', 'status_callback_url'] as const
type DetailRow = SummaryRow & Pick<MessageRow, 'gateway_id' | 'status_callback_url'>

const MESSAGE_SELECT = sql.raw(DETAIL_COLUMNS.map((c) => `"${c}"`).join(', '))

/**
 * One message of the account with its history oldest first (in recording order); `NotFound` for another account's
 * or an unknown id. The API's hottest read, so its two queries are written as SQL rather than built each time.
 * (One joined query was slower: a delivered message's nine steps would repeat every message column nine times.)
 */
export async function getMessage(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<MessageDetail> {
  const { rows } = await sql<DetailRow>`select ${MESSAGE_SELECT} from "messages"
    where "id" = ${id} and "account_id" = ${accountId}`.execute(db)
  const row = rows[0]
  if (!row) throw new DeskError('NotFound', 'No such message.', { details: { messageId: id } })
  // In the order we learned of them: a late report for an earlier step still shows where it arrived.
  const history = await sql<{ code: number; at: string; detail: string | null }>`select "code", "at", "detail"
    from "message_statuses" where "message_id" = ${id} order by "seq"`.execute(db)
  return rowToMessageDetail(row, history.rows)
}

/** The account's messages newest first, filtered; the cursor is the last id of the previous page. */
export async function listMessages(
  db: Kysely<Database>,
  accountId: string,
  filter: MessageFilter & { recipients?: string[] } = {},
): Promise<Page<MessageSummary>> {
  const limit = pageLimit(filter.limit)
  let query = db
    .selectFrom('messages')
    .select(SUMMARY_COLUMNS)
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .limit(limit + 1)
  if (filter.recipients && filter.recipients.length > 0)
    query = query.where('recipient', 'in', filter.recipients)
  if (filter.batchId !== undefined) query = query.where('batch_id', '=', filter.batchId)
  if (filter.status !== undefined) {
    if (!Number.isInteger(filter.status))
      throw new DeskError('InvalidRequest', 'status must be a status code.', { details: { field: 'status' } })
    query = query.where('status_code', '=', filter.status)
  }
  if (filter.cursor !== undefined) query = query.where('id', '<', filter.cursor)
  const rows = await query.execute()
  const items = rows.slice(0, limit).map(rowToMessageSummary)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > limit && last ? last.id : null }
}

/** How many of a batch's messages sit at each status, whether all are final, and what it costs now (after refunds). */
export async function batchSummary(
  db: Kysely<Database>,
  accountId: string,
  batchId: string,
): Promise<BatchSummary> {
  const batch = await db
    .selectFrom('batches')
    .select(['id', 'message_count', 'currency'])
    .where('id', '=', batchId)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  if (!batch) throw new DeskError('NotFound', 'No such batch.', { details: { batchId } })
  const counts = await db
    .selectFrom('messages')
    .select([
      'status_code',
      sql<number | string>`count(*)`.as('n'),
      sql<number | string | null>`sum(case when charged = 1 then price else 0 end)`.as('charged'),
    ])
    .where('batch_id', '=', batchId)
    .groupBy('status_code')
    .orderBy('status_code')
    .execute()
  const byStatus = counts.map((c) => ({
    code: c.status_code,
    name: statusName(c.status_code),
    count: Number(c.n),
  }))
  const price = counts.reduce((sum, c) => sum + Number(c.charged ?? 0), 0)
  return {
    batchId,
    total: byStatus.reduce((sum, s) => sum + s.count, 0),
    byStatus,
    final: byStatus.every((s) => isFinalCode(s.code)),
    price: money(price, batch.currency),
  }
}
