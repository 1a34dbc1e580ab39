/**
 * Writes a planned batch: every message with the history it starts with. A funded message starts
 * 101 Accepted → 102 Queued → 103 Funded; a rejected one 101 Accepted → its code; an unfunded one
 * 101 Accepted → 402 InsufficientFunds. All steps of one send share its timestamp.
 */
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { MessageSummary, Source } from '../desk.ts'
import { callbackRow } from '../messages/callbacks.ts'
import { money } from '../money.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import { insertRows } from './bulk-insert.ts'
import { messageIds } from './message-ids.ts'
import type { SendPlan } from './plan.ts'

const MESSAGE_COLUMNS = [
  'id',
  'account_id',
  'batch_id',
  'sender',
  'recipient',
  'country',
  'body',
  'encoding',
  'segments',
  'price',
  'currency',
  'status_code',
  'charged',
  'reference',
  'source',
  'status_callback_url',
  'send_at',
  'valid_until',
  'attempts',
  'next_attempt_at',
  'created_at',
  'updated_at',
] as const
const STATUS_COLUMNS = ['message_id', 'code', 'at', 'detail'] as const
const CALLBACK_COLUMNS = [
  'id',
  'account_id',
  'message_id',
  'url',
  'payload',
  'attempts',
  'next_attempt_at',
  'created_at',
] as const

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
  const statusRows: unknown[][] = []
  const summaries: MessageSummary[] = new Array(plan.messages.length)
  const callbackRows: unknown[][] = []

  for (let i = 0; i < plan.messages.length; i++) {
    const m = plan.messages[i] as (typeof plan.messages)[number]
    const id = ids[i] as string
    const code = m.code ?? (funded ? 103 : 402)
    const charged = m.code === null && funded
    const price = charged ? m.price : 0
    messageRows[i] = [
      id,
      plan.accountId,
      batchId,
      plan.sender,
      m.recipient,
      m.country,
      plan.body,
      plan.encoding,
      plan.segments,
      price,
      plan.currency,
      code,
      charged ? 1 : 0,
      reference,
      source,
      statusCallbackUrl,
      sendAtText,
      validUntilText,
      0,
      sendAtText,
      at,
      at,
    ]
    statusRows.push([id, 101, at, null])
    if (code === 103) {
      statusRows.push([id, 102, at, null], [id, 103, at, null])
    } else {
      statusRows.push([id, code, at, m.code === null ? INSUFFICIENT_FUNDS : m.detail])
    }
    summaries[i] = {
      id,
      batchId,
      sender: plan.sender,
      recipient: m.recipient,
      body: plan.body,
      encoding: plan.encoding,
      segments: plan.segments,
      price: money(price, plan.currency),
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
      const row = callbackRow(
        {
          id,
          account_id: plan.accountId,
          batch_id: batchId,
          reference,
          recipient: m.recipient,
          status_callback_url: statusCallbackUrl,
        },
        code,
        now,
        now,
      )
      if (row) callbackRows.push(CALLBACK_COLUMNS.map((c) => row[c]))
    }
  }

  await insertRows(trx, ctx.dialect, 'messages', MESSAGE_COLUMNS, messageRows)
  await insertRows(trx, ctx.dialect, 'message_statuses', STATUS_COLUMNS, statusRows)
  if (callbackRows.length > 0)
    await insertRows(trx, ctx.dialect, 'webhook_deliveries', CALLBACK_COLUMNS, callbackRows)
  return summaries
}
