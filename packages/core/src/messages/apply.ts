/** Records statuses in one transaction and emits their events after it commits. */

import type { CoreContext } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { type RecordOutcome, recordStatus, type StatusInput } from './record.ts'
import { groupedWriteTransaction } from './transaction.ts'

/** Records each `[messageId, status]` pair in one transaction; returns the outcome of each, in order. */
export async function recordStatuses(
  ctx: CoreContext,
  changes: readonly (readonly [string, StatusInput])[],
): Promise<RecordOutcome[]> {
  const events: StatusChangeEvent[] = []
  const outcomes = await groupedWriteTransaction(ctx, async (trx) => {
    const now = ctx.clock.now()
    const out: RecordOutcome[] = []
    for (const [messageId, input] of changes) {
      const result = await recordStatus(trx, ctx.dialect, messageId, input, now)
      out.push(result.outcome)
      events.push(...result.events)
    }
    return out
  })
  emitAll(ctx, events)
  return outcomes
}

/** Emits committed status changes to in-process listeners. */
export function emitAll(ctx: CoreContext, events: readonly StatusChangeEvent[]): void {
  for (const event of events) ctx.events.emitStatusChange(event)
}
