/** Records statuses in one transaction and emits their events after it commits. */

import type { CoreContext } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { type RecordOutcome, recordStatusBatch, type StatusInput } from './record.ts'
import { groupedWriteTransaction } from './transaction.ts'

/** Records each `[messageId, status]` pair in one transaction; returns the outcome of each, in order. */
export async function recordStatuses(
  ctx: CoreContext,
  changes: readonly (readonly [string, StatusInput])[],
): Promise<RecordOutcome[]> {
  const events: StatusChangeEvent[] = []
  const outcomes = await groupedWriteTransaction(ctx, async (trx) => {
    const result = await recordStatusBatch(trx, ctx.dialect, changes, ctx.clock.now())
    events.push(...result.events)
    return result.outcomes
  })
  emitAll(ctx, events)
  return outcomes
}

/** Emits committed status changes to in-process listeners, and to the other processes on the database. */
export function emitAll(ctx: CoreContext, events: readonly StatusChangeEvent[]): void {
  for (const event of events) ctx.events.emitStatusChange(event)
  ctx.statusChannel?.publish(events)
}
