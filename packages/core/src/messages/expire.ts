/** Validity: a message not final when its validity ends becomes 202 Expired (refunded if no gateway had it). */
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import { recordStatuses } from './apply.ts'

/**
 * Codes that may expire. 110 Sending is left to the dispatcher, which first settles whether the gateway took
 * the message (it may be mid hand-over) and then expires it itself.
 */
const EXPIRABLE_CODES = [101, 102, 103, 111, 112, 113, 114, 503]
const CHUNK = 500

/** Moves every overdue, unfinished message to 202 Expired; returns how many moved. */
export async function expireOverdue(ctx: CoreContext): Promise<number> {
  let expired = 0
  for (;;) {
    const now = ctx.clock.now()
    const rows = await ctx.db
      .selectFrom('messages')
      .select(['id', 'valid_until'])
      .where('status_code', 'in', EXPIRABLE_CODES)
      .where('valid_until', '<=', iso(now))
      .limit(CHUNK)
      .execute()
    if (rows.length === 0) return expired
    const outcomes = await recordStatuses(
      ctx,
      rows.map(
        (r) => [r.id, { code: 202, at: new Date(r.valid_until), detail: 'Validity period ended' }] as const,
      ),
    )
    const moved = outcomes.filter((o) => o === 'recorded').length
    expired += moved
    // A round that moved nothing would find the same rows again.
    if (rows.length < CHUNK || moved === 0) return expired
  }
}
