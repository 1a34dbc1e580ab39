/** Message rows to the Desk's message shapes. */
import type { MessageDetail, MessageSummary, StatusStep } from '../desk.ts'
import { money } from '../money.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import type { MessageRow } from '../store/schema.ts'
import { parseHistory } from './history.ts'

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

/** The columns a detail needs: a summary's, the gateway's id and callback URL, and the history. */
export const DETAIL_COLUMNS = [...SUMMARY_COLUMNS, 'gateway_id', 'status_callback_url', 'history'] as const

export type DetailRow = Pick<MessageRow, (typeof DETAIL_COLUMNS)[number]>

/**
 * The summary's fields. Built in one object literal (the detail is extended in place, not spread from a copy): the
 * look-up's answer is the API's hottest read.
 */
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
    sendAt: dateOf(row.send_at),
    validUntil: dateOf(row.valid_until),
    createdAt: dateOf(row.created_at),
    updatedAt: dateOf(row.updated_at),
  }
}

let lastText: string | undefined
let lastTime = 0
/**
 * `new Date(text)` that parses a text only once in a row: a message's times repeat (sent when it was created, its
 * first steps recorded in that instant), and parsing costs more than the rest of a step. Each call still answers a
 * Date of its own, as callers may change one.
 */
function dateOf(text: string): Date {
  if (text !== lastText) {
    lastText = text
    lastTime = Date.parse(text)
  }
  return new Date(lastTime)
}

/** A message row with its history (see messages/history.ts) to the Desk's detail, the steps in recording order. */
export function rowToMessageDetail(row: DetailRow): MessageDetail {
  const detail = rowToMessageSummary(row) as MessageDetail
  detail.statuses = parseHistory(row.history).map(
    ([code, at, note]): StatusStep => ({
      code,
      name: statusName(code),
      // No time of its own: a step written with the message at its send.
      at: dateOf(at ?? row.created_at),
      detail: note ?? null,
    }),
  )
  detail.gatewayId = row.gateway_id
  detail.statusCallbackUrl = row.status_callback_url
  return detail
}
