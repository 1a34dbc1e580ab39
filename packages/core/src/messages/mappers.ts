/** Message rows to the Desk's message shapes. */
import type { MessageDetail, MessageSummary, StatusStep } from '../desk.ts'
import { money } from '../money.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import type { MessageRow } from '../store/schema.ts'

/** The columns a summary needs (everything but the dispatcher's bookkeeping). */
export const SUMMARY_COLUMNS = [
  'id',
  'batch_id',
  'sender',
  'recipient',
  'body',
  'encoding',
  'segments',
  'price',
  'currency',
  'status_code',
  'reference',
  'source',
  'send_at',
  'valid_until',
  'created_at',
  'updated_at',
  'opt_out',
] as const

export type SummaryRow = Pick<MessageRow, (typeof SUMMARY_COLUMNS)[number]>

export function rowToMessageSummary(row: SummaryRow): MessageSummary {
  return {
    id: row.id,
    batchId: row.batch_id,
    sender: row.sender,
    recipient: row.recipient,
    body: row.body,
    encoding: row.encoding,
    segments: row.segments,
    price: money(Number(row.price), row.currency),
    optOut: row.opt_out,
    status: { code: row.status_code, name: statusName(row.status_code) },
    final: isFinalCode(row.status_code),
    reference: row.reference,
    source: row.source,
    sendAt: new Date(row.send_at),
    validUntil: new Date(row.valid_until),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }
}

export function rowToMessageDetail(
  row: SummaryRow & Pick<MessageRow, 'gateway_id' | 'status_callback_url'>,
  history: { code: number; at: string | null; detail: string | null }[],
): MessageDetail {
  return {
    ...rowToMessageSummary(row),
    statuses: history.map(
      (h): StatusStep => ({
        code: h.code,
        name: statusName(h.code),
        // No time of its own: a step written with the message at its send (see MessageStatusesTable).
        at: new Date(h.at ?? row.created_at),
        detail: h.detail,
      }),
    ),
    gatewayId: row.gateway_id,
    statusCallbackUrl: row.status_callback_url,
  }
}
