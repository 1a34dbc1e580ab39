/**
 * Claiming due messages with a lease. One UPDATE … WHERE id IN (SELECT … LIMIT n) … RETURNING marks them
 * 110 Sending and leased to us; on PostgreSQL the inner SELECT takes `FOR UPDATE SKIP LOCKED`, so several
 * processes never claim the same row; SQLite's single writer makes the same statement safe.
 */

import { sql } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { callbackRow } from '../messages/callbacks.ts'
import { writeTransaction } from '../messages/transaction.ts'
import { statusName } from '../status/catalogue.ts'

export interface ClaimedMessage {
  id: string
  account_id: string
  batch_id: string
  sender: string
  recipient: string
  body: string
  encoding: 'GSM-7' | 'UCS-2'
  reference: string | null
  status_callback_url: string | null
  valid_until: string
  gateway_id: string | null
  /** Including this claim: 1 means never tried before; more means an earlier try may have reached the gateway. */
  attempts: number
}

/**
 * Claims up to `limit` due messages: funded (103) ones whose time has come, and 110 ones released for a retry
 * or whose lease ran out (their owner died mid hand-over). Records 110 Sending for first tries, in the same
 * transaction, and returns the events to emit.
 */
export async function claimDue(
  ctx: CoreContext,
  args: { owner: string; limit: number; leaseMs: number },
): Promise<{ claimed: ClaimedMessage[]; events: StatusChangeEvent[] }> {
  const now = ctx.clock.now()
  const nowText = iso(now)
  return writeTransaction(ctx, async (trx) => {
    let due = trx
      .selectFrom('messages')
      .select('id')
      .where('status_code', 'in', [103, 110])
      .where('next_attempt_at', '<=', nowText)
      .where('send_at', '<=', nowText)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowText)]))
      .orderBy('next_attempt_at')
      .limit(args.limit)
    if (ctx.dialect === 'postgres') due = due.forUpdate().skipLocked()
    const claimed = await trx
      .updateTable('messages')
      .set({
        status_code: 110,
        attempts: sql`attempts + 1`,
        lease_owner: args.owner,
        lease_until: iso(new Date(now.getTime() + args.leaseMs)),
        updated_at: nowText,
      })
      .where('id', 'in', due)
      .returning([
        'id',
        'account_id',
        'batch_id',
        'sender',
        'recipient',
        'body',
        'encoding',
        'reference',
        'status_callback_url',
        'valid_until',
        'gateway_id',
        'attempts',
      ])
      .execute()
    const firstTries = claimed.filter((m) => m.attempts === 1)
    if (firstTries.length === 0) return { claimed, events: [] }
    await trx
      .insertInto('message_statuses')
      .values(firstTries.map((m) => ({ message_id: m.id, code: 110, at: nowText, detail: null })))
      .onConflict((oc) => oc.columns(['message_id', 'code']).doNothing())
      .execute()
    const callbacks = firstTries.flatMap((m) => callbackRow(m, 110, now, now) ?? [])
    if (callbacks.length > 0) await trx.insertInto('webhook_deliveries').values(callbacks).execute()
    const events = firstTries.map(
      (m): StatusChangeEvent => ({
        accountId: m.account_id,
        messageId: m.id,
        batchId: m.batch_id,
        recipient: m.recipient,
        code: 110,
        name: statusName(110),
        final: false,
        at: now,
      }),
    )
    return { claimed, events }
  })
}
