/** Reading messages: one with its whole history, pages of them newest first, and a batch's tally. */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { BatchSummary, MessageDetail, MessageFilter, MessageSummary, Page } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { pageLimit } from '../ledger/entries.ts'
import { money } from '../money.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import type { Database } from '../store/schema.ts'
import { rowToMessageDetail, rowToMessageSummary, SUMMARY_COLUMNS } from './mappers.ts'

/** One message of the account with its history oldest first (in recording order); `NotFound` for another account's or an unknown id. */
export async function getMessage(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<MessageDetail> {
  const row = await db
    .selectFrom('messages')
    .select([...SUMMARY_COLUMNS, 'gateway_id', 'status_callback_url'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  if (!row) throw new DeskError('NotFound', 'No such message.', { details: { messageId: id } })
  const history = await db
    .selectFrom('message_statuses')
    .select(['code', 'at', 'detail'])
    .where('message_id', '=', id)
    // In the order we learned of them: a late report for an earlier step still shows where it arrived.
    .orderBy('id')
    .execute()
  return rowToMessageDetail(row, history)
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
