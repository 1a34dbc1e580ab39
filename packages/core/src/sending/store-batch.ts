/**
 * Writes a planned batch: every message with the history it starts with, in its row (see messages/history.ts). A
 * funded message starts 101 Accepted → 102 Queued → 103 Funded; a rejected one 101 Accepted → its code; an unfunded
 * one 101 Accepted → 402 InsufficientFunds. All steps of one send share its timestamp, the messages' created_at, so
 * they are stored without a time of their own and read with that one.
 */
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { MessageSummary, Source } from '../desk.ts'
import { callbackRow } from '../messages/callbacks.ts'
import { endedAtSendHistory, FUNDED_HISTORY } from '../messages/history.ts'
import { money } from '../money.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import { type BulkRows, insertRowsTogether, type TypedColumn } from './bulk-insert.ts'
import { messageIds } from './message-ids.ts'
import type { SendPlan } from './plan.ts'

/** Per message: what differs between the messages of one batch. */
const MESSAGE_COLUMNS: readonly TypedColumn[] = [
  ['id', 'text'],
  ['recipient', 'text'],
  ['country', 'text'],
  ['price', 'bigint'],
  ['status_code', 'integer'],
  ['charged', 'integer'],
]
/** Added per message when they differ within the batch (an opt-out on the messages sent, a link per recipient). */
const BODY_COLUMN: TypedColumn = ['body', 'text']
const SEGMENTS_COLUMN: TypedColumn = ['segments', 'integer']
const OPT_OUT_COLUMN: TypedColumn = ['opt_out', 'text']
const ENCODING_COLUMN: TypedColumn = ['encoding', 'text']
const CALLBACK_COLUMNS: readonly TypedColumn[] = [
  ['id', 'text'],
  ['message_id', 'text'],
  ['payload', 'text'],
]

/** Added per message when the batch's messages do not all start with the same history (some rejected). */
const HISTORY_COLUMN: TypedColumn = ['history', 'text']

const INSUFFICIENT_FUNDS = 'The balance does not cover the batch; nothing was charged.'

/** Inserts the batch's messages with their histories and (with a callback URL) one callback per message for where it ended up. */
export async function storeBatchMessages(
  ctx: CoreContext,
  trx: CoreContext['db'],
  args: { plan: SendPlan; batchId: string; funded: boolean; source: Source; now: Date },
): Promise<MessageSummary[]> {
  const { plan, batchId, funded, source, now } = args
  const at = iso(now)
  const sendAt = plan.options.sendAt
  const validUntil = new Date(sendAt.getTime() + plan.options.validityHours * 3_600_000)
  const sendAtText = iso(sendAt)
  const validUntilText = iso(validUntil)
  const { reference, statusCallbackUrl } = plan.options
  const ids = messageIds(plan.messages.length, now.getTime())

  const messageRows: unknown[][] = new Array(plan.messages.length)
  const summaries: MessageSummary[] = new Array(plan.messages.length)
  const callbackRows: unknown[][] = []
  // A value the whole batch shares travels once per statement; one that differs goes with each row.
  const first = plan.messages[0]
  let bodyPerRow = false
  let segmentsPerRow = false
  let optOutPerRow = false
  let encodingPerRow = false
  let historyPerRow = false
  if (first !== undefined)
    for (const m of plan.messages) {
      if ((m.encoding ?? plan.encoding) !== plan.encoding) encodingPerRow = true
      if (m.body !== first.body) bodyPerRow = true
      if (m.segments !== first.segments) segmentsPerRow = true
      if (m.optOut !== first.optOut) optOutPerRow = true
      if (m.code !== null || !funded) historyPerRow = true
    }
  const columns = [...MESSAGE_COLUMNS]
  if (bodyPerRow) columns.push(BODY_COLUMN)
  if (segmentsPerRow) columns.push(SEGMENTS_COLUMN)
  if (optOutPerRow) columns.push(OPT_OUT_COLUMN)
  if (encodingPerRow) columns.push(ENCODING_COLUMN)
  if (historyPerRow) columns.push(HISTORY_COLUMN)

  for (let i = 0; i < plan.messages.length; i++) {
    const m = plan.messages[i] as (typeof plan.messages)[number]
    const id = ids[i] as string
    const code = m.code ?? (funded ? 103 : 402)
    const charged = m.code === null && funded
    const price = charged ? m.price : 0
    const row: unknown[] = [id, m.recipient, m.country, price, code, charged ? 1 : 0]
    if (bodyPerRow) row.push(m.body)
    if (segmentsPerRow) row.push(m.segments)
    if (optOutPerRow) row.push(m.optOut)
    if (encodingPerRow) row.push(m.encoding ?? plan.encoding)
    // A rejected or unfunded message's second step (after 101) is its code.
    if (historyPerRow)
      row.push(
        code === 103
          ? FUNDED_HISTORY
          : endedAtSendHistory(code, m.code === null ? INSUFFICIENT_FUNDS : m.detail),
      )
    messageRows[i] = row
    summaries[i] = {
      id,
      batchId,
      sender: plan.sender,
      recipient: m.recipient,
      body: m.body,
      encoding: m.encoding ?? plan.encoding,
      segments: m.segments,
      price: money(price, plan.currency),
      optOut: m.optOut,
      status: { code, name: statusName(code) },
      final: isFinalCode(code),
      reference,
      source,
      sendAt,
      validUntil,
      createdAt: now,
      updatedAt: now,
    }
    if (statusCallbackUrl) {
      const subject = {
        id,
        account_id: plan.accountId,
        batch_id: batchId,
        reference,
        recipient: m.recipient,
        status_callback_url: statusCallbackUrl,
      }
      const row = callbackRow(subject, code, now, now)
      if (row) callbackRows.push([row.id, row.message_id, row.payload])
    }
  }

  const shared: (readonly [...TypedColumn, unknown])[] = []
  if (!bodyPerRow) shared.push([...BODY_COLUMN, first?.body ?? plan.body])
  if (!segmentsPerRow) shared.push([...SEGMENTS_COLUMN, first?.segments ?? plan.segments])
  if (!optOutPerRow) shared.push([...OPT_OUT_COLUMN, first?.optOut ?? null])
  if (!historyPerRow) shared.push([...HISTORY_COLUMN, FUNDED_HISTORY])
  const messageInsert: BulkRows = {
    columns,
    rows: messageRows,
    constants: [
      ['account_id', 'text', plan.accountId],
      ['batch_id', 'text', batchId],
      ['sender', 'text', plan.sender],
      ...shared,
      ...(encodingPerRow ? [] : [[...ENCODING_COLUMN, plan.encoding] as const]),
      ['currency', 'text', plan.currency],
      ['reference', 'text', reference],
      ['source', 'text', source],
      ['status_callback_url', 'text', statusCallbackUrl],
      ['send_at', 'text', sendAtText],
      ['valid_until', 'text', validUntilText],
      ['attempts', 'integer', 0],
      ['next_attempt_at', 'text', sendAtText],
      ['created_at', 'text', at],
      ['updated_at', 'text', at],
    ],
  }
  const callbackInsert: BulkRows = {
    columns: CALLBACK_COLUMNS,
    rows: callbackRows,
    constants: [
      ['account_id', 'text', plan.accountId],
      ['url', 'text', statusCallbackUrl],
      ['attempts', 'integer', 0],
      ['next_attempt_at', 'text', at],
      ['created_at', 'text', at],
    ],
  }
  // The messages with their histories and their callbacks: one statement each (as many as the parameter limit
  // needs), or on PostgreSQL, when they fit, one for both.
  await insertRowsTogether(trx, ctx.dialect, [
    ['messages', messageInsert],
    ['webhook_deliveries', callbackInsert],
  ])
  return summaries
}
