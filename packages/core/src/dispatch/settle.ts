/** Writes what became of claimed messages: a status (with its refund) and the lease released, in one transaction. */

import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { emitAll } from '../messages/apply.ts'
import { recordStatus, type StatusInput } from '../messages/record.ts'
import { groupedWriteTransaction } from '../messages/transaction.ts'

export type Settlement =
  /** Record this status and release the lease. */
  | { id: string; status: StatusInput }
  /** Nothing was sent: release the lease and try again at `retryAt`. */
  | { id: string; retryAt: Date; error: string }

/** Applies every settlement in one transaction, then emits the status events. */
export async function settle(
  ctx: CoreContext,
  owner: string,
  settlements: readonly Settlement[],
): Promise<void> {
  if (settlements.length === 0) return
  const events: StatusChangeEvent[] = []
  await groupedWriteTransaction(ctx, async (trx) => {
    const now = ctx.clock.now()
    for (const s of settlements) {
      if ('status' in s) {
        const result = await recordStatus(trx, ctx.dialect, s.id, s.status, now)
        events.push(...result.events)
      }
      await trx
        .updateTable('messages')
        .set({
          lease_owner: null,
          lease_until: null,
          ...('retryAt' in s ? { next_attempt_at: iso(s.retryAt) } : {}),
          updated_at: iso(now),
        })
        .where('id', '=', s.id)
        // Only our own lease: if it ran out and another process took the message over, that one settles it.
        .where('lease_owner', '=', owner)
        .execute()
    }
  })
  emitAll(ctx, events)
}
