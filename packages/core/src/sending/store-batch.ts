/**
 * Writes a planned batch: every message with the history it starts with. A funded message starts
 * 101 Accepted → 102 Queued → 103 Funded; a rejected one 101 Accepted → its code; an unfunded one
 * 101 Accepted → 402 InsufficientFunds. All steps of one send share its timestamp, the messages' created_at, so
 * their rows leave `at` empty (null) and are read with that time.
 */
import { sql } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { MessageSummary, Source } from '../desk.ts'
import { callbackRow } from '../messages/callbacks.ts'
import { money } from '../money.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import { type BulkRows, insertRows, insertRowsTogether, type TypedColumn } from './bulk-insert.ts'
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

const STATUS_COLUMNS: readonly TypedColumn[] = [
  ['message_id', 'text'],
  ['code', 'integer'],
  ['seq', 'integer'],
  ['detail', 'text'],
]
/** Up to this many messages the status rows travel as values; larger batches copy them inside the database. */
const SMALL_BATCH = 1_000

const INSUFFICIENT_FUNDS = 'The balance does not cover the batch; nothing was charged.'

/** Inserts the batch's messages, status rows and (with a callback URL) one callback per message for where it ended up. */
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
  const rejectionRows: unknown[][] = []
  const summaries: MessageSummary[] = new Array(plan.messages.length)
  const callbackRows: unknown[][] = []
  // A value the whole batch shares travels once per statement; one that differs goes with each row.
  const first = plan.messages[0]
  let bodyPerRow = false
  let segmentsPerRow = false
  let optOutPerRow = false
  let encodingPerRow = false
  if (first !== undefined)
    for (const m of plan.messages) {
      if ((m.encoding ?? plan.encoding) !== plan.encoding) encodingPerRow = true
      if (m.body !== first.body) bodyPerRow = true
      if (m.segments !== first.segments) segmentsPerRow = true
      if (m.optOut !== first.optOut) optOutPerRow = true
    }
  const columns = [...MESSAGE_COLUMNS]
  if (bodyPerRow) columns.push(BODY_COLUMN)
  if (segmentsPerRow) columns.push(SEGMENTS_COLUMN)
  if (optOutPerRow) columns.push(OPT_OUT_COLUMN)
  if (encodingPerRow) columns.push(ENCODING_COLUMN)

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
    messageRows[i] = row
    // A rejected or unfunded message's second step (after 101) is its code.
    if (code !== 103) rejectionRows.push([id, code, 2, m.code === null ? INSUFFICIENT_FUNDS : m.detail])
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
  if (messageRows.length <= SMALL_BATCH) {
    // A small send writes its messages with their whole history (101, then 102 and 103 or its final code) and their
    // callbacks: one statement each, or on PostgreSQL one for all.
    const statusRows: unknown[][] = []
    let rejected = 0
    for (const row of messageRows) {
      const id = row[0]
      statusRows.push([id, 101, 1, null])
      const rejection = rejectionRows[rejected]
      if (rejection !== undefined && rejection[0] === id) {
        statusRows.push(rejection)
        rejected++
      } else statusRows.push([id, 102, 2, null], [id, 103, 3, null])
    }
    await insertRowsTogether(trx, ctx.dialect, [
      ['messages', messageInsert],
      ['message_statuses', { columns: STATUS_COLUMNS, rows: statusRows }],
      ['webhook_deliveries', callbackInsert],
    ])
    return summaries
  }
  await insertRows(trx, ctx.dialect, 'messages', messageInsert)
  await insertFirstSteps(trx, batchId, rejectionRows.length < messageRows.length)
  if (rejectionRows.length > 0)
    await insertRows(trx, ctx.dialect, 'message_statuses', { columns: STATUS_COLUMNS, rows: rejectionRows })
  if (callbackRows.length > 0) await insertRows(trx, ctx.dialect, 'webhook_deliveries', callbackInsert)
  return summaries
}

/**
 * 101 for every message of the batch, then 102 and 103 for the funded ones — copied from the rows just written,
 * so no value crosses the driver per status row; each step's place in the history is known (`seq`).
 */
async function insertFirstSteps(trx: CoreContext['db'], batchId: string, anyFunded: boolean): Promise<void> {
  const steps: { code: number; seq: number; fundedOnly: boolean }[] = [
    { code: 101, seq: 1, fundedOnly: false },
  ]
  if (anyFunded) steps.push({ code: 102, seq: 2, fundedOnly: true }, { code: 103, seq: 3, fundedOnly: true })
  for (const step of steps) {
    await trx
      .insertInto('message_statuses')
      .columns(['message_id', 'code', 'seq', 'detail'])
      .expression((eb) => {
        let rows = eb
          .selectFrom('messages')
          .select([
            'id',
            sql.lit(step.code).as('code'),
            sql.lit(step.seq).as('seq'),
            sql<null>`null`.as('detail'),
          ])
          .where('batch_id', '=', batchId)
        if (step.fundedOnly) rows = rows.where('status_code', '=', 103)
        return rows
      })
      .execute()
  }
}
