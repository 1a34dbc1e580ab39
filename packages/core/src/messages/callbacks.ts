/** Status-callback rows: written in the same transaction as the status, posted later by the callback delivery. */
import { iso } from '../context.ts'
import { newId } from '../ids.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import type { WebhookDeliveriesTable } from '../store/schema.ts'

export interface CallbackSubject {
  id: string
  account_id: string
  batch_id: string
  reference: string | null
  recipient: string
  status_callback_url: string | null
}

/** The `webhook_deliveries` row announcing `code` for `message`, or null when it has no callback URL. */
export function callbackRow(
  message: CallbackSubject,
  code: number,
  at: Date,
  now: Date,
): WebhookDeliveriesTable | null {
  if (!message.status_callback_url) return null
  const payload = {
    event: 'message.status',
    messageId: message.id,
    batchId: message.batch_id,
    reference: message.reference,
    recipient: message.recipient,
    status: { code, name: statusName(code) },
    final: isFinalCode(code),
    at: iso(at),
  }
  return {
    id: newId('whd', now.getTime()),
    account_id: message.account_id,
    message_id: message.id,
    url: message.status_callback_url,
    payload: JSON.stringify(payload),
    attempts: 0,
    next_attempt_at: iso(now),
    delivered_at: null,
    failed_at: null,
    last_error: null,
    created_at: iso(now),
  }
}
