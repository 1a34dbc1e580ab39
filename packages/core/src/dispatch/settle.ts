/** Writes what became of claimed messages: their statuses (with refunds) and the leases released, in one transaction. */

import type { Kysely } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { emitAll } from '../messages/apply.ts'
import { recordStatusBatch, type StatusInput } from '../messages/record.ts'
import { groupedWriteTransaction } from '../messages/transaction.ts'
import type { Database } from '../store/schema.ts'

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
    const nowText = iso(now)
    const statuses = settlements.flatMap((s) => ('status' in s ? [[s.id, s.status] as const] : []))
    if (statuses.length > 0) {
      const result = await recordStatusBatch(trx, ctx.dialect, statuses, now)
      events.push(...result.events)
      for (let start = 0; start < statuses.length; start += CHUNK)
        await releaseLeases(
          trx,
          owner,
          nowText,
          statuses.slice(start, start + CHUNK).map(([id]) => id),
        )
    }
    for (const s of settlements) {
      if (!('retryAt' in s)) continue
      await trx
        .updateTable('messages')
        .set({ lease_owner: null, lease_until: null, next_attempt_at: iso(s.retryAt), updated_at: nowText })
        .where('id', '=', s.id)
        .where('lease_owner', '=', owner)
        .execute()
    }
  })
  emitAll(ctx, events)
}

/** Ids per statement: far below either driver's parameter limit. */
const CHUNK = 1_000

/** Only our own leases: if one ran out and another process took the message over, that one settles it. */
async function releaseLeases(
  trx: Kysely<Database>,
  owner: string,
  nowText: string,
  ids: string[],
): Promise<void> {
  await trx
    .updateTable('messages')
    .set({ lease_owner: null, lease_until: null, updated_at: nowText })
    .where('id', 'in', ids)
    .where('lease_owner', '=', owner)
    .execute()
}
