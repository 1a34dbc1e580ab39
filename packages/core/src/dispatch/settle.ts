/**
 * Writes what became of claimed messages: their statuses (with refunds) and the leases released, in one
 * transaction — for the rows still leased to us only: a message whose lease another dispatcher took is theirs.
 */

import type { Kysely } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { emitAll } from '../messages/apply.ts'
import { type AlsoSet, recordStatusBatch, type StatusInput } from '../messages/record.ts'
import { groupedWriteTransaction } from '../messages/transaction.ts'
import type { Database } from '../store/schema.ts'

export type Settlement =
  /** Record this status and release the lease. */
  | { id: string; status: StatusInput }
  /** Nothing was sent: release the lease and try again at `retryAt`. */
  | { id: string; retryAt: Date; error: string }

/** Tries of a settlement whose transaction failed (a dropped connection, a busy database); each is idempotent. */
const SETTLE_TRIES = 4

/**
 * Applies every settlement in one transaction, then emits the status events. A failed transaction is tried again
 * a few times: it left nothing behind, and a retry after an unseen commit finds the leases released and does nothing.
 */
export async function settle(
  ctx: CoreContext,
  owner: string,
  settlements: readonly Settlement[],
): Promise<void> {
  if (settlements.length === 0) return
  for (let attempt = 1; ; attempt++) {
    try {
      await settleOnce(ctx, owner, settlements)
      return
    } catch (err) {
      // Given up: the leases run out and the next claim asks the gateway about these hand-overs.
      if (attempt >= SETTLE_TRIES) throw err
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt))
    }
  }
}

async function settleOnce(ctx: CoreContext, owner: string, all: readonly Settlement[]): Promise<void> {
  const events: StatusChangeEvent[] = []
  await groupedWriteTransaction(ctx, async (trx) => {
    const now = ctx.clock.now()
    const nowText = iso(now)
    const ours = await stillOurs(trx, ctx.dialect, owner, [...new Set(all.map((s) => s.id))])
    const settlements = all.filter((s) => ours.has(s.id))
    const statuses = settlements.flatMap((s) => ('status' in s ? [[s.id, s.status] as const] : []))
    if (statuses.length > 0) {
      // The leases are released by the same UPDATE that moves each status: one new row version per message.
      const result = await recordStatusBatch(trx, ctx.dialect, statuses, now, {
        alsoSet: RELEASED,
        lockedByCaller: true,
      })
      events.push(...result.events)
      const unchanged = [...new Set(statuses.map(([id]) => id))].filter((id) => !result.updated.has(id))
      for (let start = 0; start < unchanged.length; start += CHUNK)
        await releaseLeases(trx, owner, nowText, unchanged.slice(start, start + CHUNK))
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

/** What a settled message's lease becomes: none (it is ours, locked in `stillOurs`, so no owner check is needed). */
const RELEASED: AlsoSet = [
  ['lease_owner', 'text', null],
  ['lease_until', 'text', null],
]

/** Which of `ids` are still leased to `owner`, locked on PostgreSQL (in id order, as status recording locks them). */
async function stillOurs(
  trx: Kysely<Database>,
  dialect: CoreContext['dialect'],
  owner: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const ours = new Set<string>()
  for (let start = 0; start < ids.length; start += CHUNK) {
    let query = trx
      .selectFrom('messages')
      .select('id')
      .where('id', 'in', ids.slice(start, start + CHUNK))
      .where('lease_owner', '=', owner)
    if (dialect === 'postgres') query = query.orderBy('id').forUpdate()
    for (const row of await query.execute()) ours.add(row.id)
  }
  return ours
}

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
