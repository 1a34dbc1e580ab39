/** Reading messages: one with its whole history, pages of them newest first, and a batch's tally. */
import { CompiledQuery, type Kysely, sql } from 'kysely'
import type { Dialect } from '../context.ts'
import type { BatchSummary, MessageDetail, MessageFilter, MessageSummary, Page } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { pageLimit } from '../ledger/entries.ts'
import { money } from '../money.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import type { Database } from '../store/schema.ts'
import {
  DETAIL_COLUMNS,
  type DetailRow,
  rowToMessageDetail,
  rowToMessageSummary,
  SUMMARY_COLUMNS,
} from './mappers.ts'

/**
 * The message row, its history in it (one B-tree read by the id's key). Written once per dialect and handed to the
 * driver compiled: the API's hottest read (`GET /api/v1/messages/:id`), so no Kysely query building each time.
 */
function getMessageSql(dialect: Dialect): string {
  const columns = DETAIL_COLUMNS.map((c) => `"${c}"`).join(', ')
  const [id, account] = dialect === 'postgres' ? ['$1', '$2'] : ['?', '?']
  return `select ${columns} from "messages" where "id" = ${id} and "account_id" = ${account}`
}
/** The look-up's statement (exported for the test that checks its plan). */
export const GET_MESSAGE_SQL: Record<Dialect, string> = {
  sqlite: getMessageSql('sqlite'),
  postgres: getMessageSql('postgres'),
}

/** One message of the account with its history oldest first; `NotFound` for another account's or an unknown id. */
export async function getMessage(
  db: Kysely<Database>,
  dialect: Dialect,
  accountId: string,
  id: string,
): Promise<MessageDetail> {
  const { rows } = await db.executeQuery<DetailRow>(
    CompiledQuery.raw(GET_MESSAGE_SQL[dialect], [id, accountId]),
  )
  const row = rows[0]
  if (!row) throw new DeskError('NotFound', 'No such message.', { details: { messageId: id } })
  return rowToMessageDetail(row)
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
