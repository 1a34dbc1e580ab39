/**
 * Records one status for one message: a history row (once per code), the current status moved forward only,
 * the refund its code calls for (104 Refunded first), and a status-callback row — all in the caller's transaction.
 */
import type { Kysely } from 'kysely'
import type { Dialect } from '../context.ts'
import { iso } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { refundMessage } from '../ledger/balance.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import type { Database } from '../store/schema.ts'
import { callbackRow } from './callbacks.ts'
import { advancesTo } from './progress.ts'
import { refundDue } from './refunds.ts'

export interface StatusInput {
  code: number
  /** When it happened (a report's own time); the history is ordered by it. */
  at: Date
  detail?: string | null
  /** The gateway itself said so: proof that it took the message. */
  fromGateway?: boolean
  /** The gateway's id, stored with 111 DeliveredToGateway. */
  gatewayId?: string
}

export type RecordOutcome = 'recorded' | 'duplicate' | 'unknown'

const MESSAGE_STATE = [
  'id',
  'account_id',
  'batch_id',
  'recipient',
  'reference',
  'status_code',
  'charged',
  'price',
  'gateway_id',
  'status_callback_url',
] as const

/**
 * Applies `input` to message `messageId` inside `trx`. Returns the outcome and the events to emit once the
 * transaction has committed. On PostgreSQL the message row is locked first so racing reports cannot refund twice.
 */
export async function recordStatus(
  trx: Kysely<Database>,
  dialect: Dialect,
  messageId: string,
  input: StatusInput,
  now: Date,
): Promise<{ outcome: RecordOutcome; events: StatusChangeEvent[] }> {
  let query = trx.selectFrom('messages').select(MESSAGE_STATE).where('id', '=', messageId)
  if (dialect === 'postgres') query = query.forUpdate()
  const message = await query.executeTakeFirst()
  if (!message) return { outcome: 'unknown', events: [] }

  const moves = advancesTo(message.status_code, input.code)
  const handedOver =
    message.gateway_id !== null || input.fromGateway === true || input.gatewayId !== undefined
  const refund =
    moves && isFinalCode(input.code) && message.charged === 1 && refundDue(input.code, handedOver)

  const steps: { code: number; at: Date; detail: string | null }[] = []
  if (refund)
    steps.push({
      code: 104,
      at: input.at,
      detail: `Refunded: ended with ${input.code} ${statusName(input.code)}`,
    })
  steps.push({ code: input.code, at: input.at, detail: input.detail ?? null })

  const inserted = await trx
    .insertInto('message_statuses')
    .values(steps.map((s) => ({ message_id: messageId, code: s.code, at: iso(s.at), detail: s.detail })))
    .onConflict((oc) => oc.columns(['message_id', 'code']).doNothing())
    .returning('code')
    .execute()
  const recordedCodes = new Set(inserted.map((r) => r.code))
  const learnsGatewayId = input.gatewayId !== undefined && message.gateway_id === null
  if (!recordedCodes.has(input.code)) {
    // A report may have implied the hand-over before the submit's answer was stored; keep the gateway's id anyway.
    if (learnsGatewayId)
      await trx
        .updateTable('messages')
        .set({ gateway_id: input.gatewayId, updated_at: iso(now) })
        .where('id', '=', messageId)
        .execute()
    return { outcome: 'duplicate', events: [] }
  }

  const price = Number(message.price)
  if (refund) {
    await refundMessage(trx, {
      accountId: message.account_id,
      batchId: message.batch_id,
      messageId,
      amount: price,
      note: `${input.code} ${statusName(input.code)}`,
      at: now,
    })
  }
  await trx
    .updateTable('messages')
    .set({
      ...(moves ? { status_code: input.code } : {}),
      ...(refund ? { charged: 0 } : {}),
      ...(learnsGatewayId ? { gateway_id: input.gatewayId } : {}),
      updated_at: iso(now),
    })
    .where('id', '=', messageId)
    .execute()

  const recorded = steps.filter((s) => recordedCodes.has(s.code))
  const callbacks = recorded.flatMap((s) => callbackRow(message, s.code, s.at, now) ?? [])
  if (callbacks.length > 0) await trx.insertInto('webhook_deliveries').values(callbacks).execute()

  const events = recorded.map(
    (s): StatusChangeEvent => ({
      accountId: message.account_id,
      messageId,
      batchId: message.batch_id,
      recipient: message.recipient,
      code: s.code,
      name: statusName(s.code),
      final: isFinalCode(s.code),
      at: s.at,
    }),
  )
  return { outcome: 'recorded', events }
}
