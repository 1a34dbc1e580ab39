/** Canceling a message that no gateway has yet: 203 Canceled, and its price back. */

import type { CoreContext } from '../context.ts'
import type { MessageDetail, StatusChangeEvent } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { statusName } from '../status/catalogue.ts'
import { emitAll } from './apply.ts'
import { CANCELABLE_CODES } from './progress.ts'
import { getMessage } from './queries.ts'
import { recordStatus } from './record.ts'
import { writeTransaction } from './transaction.ts'

/**
 * Cancels a queued or scheduled message (101–103, not yet claimed for sending). Anything further along is
 * `NotCancelable`; another account's or an unknown id is `NotFound`.
 */
export async function cancelMessage(ctx: CoreContext, accountId: string, id: string): Promise<MessageDetail> {
  let events: StatusChangeEvent[] = []
  await writeTransaction(ctx, async (trx) => {
    // Lock the row so a dispatcher claiming it at this moment either sees 203 or makes this cancel fail.
    let query = trx
      .selectFrom('messages')
      .select(['status_code'])
      .where('id', '=', id)
      .where('account_id', '=', accountId)
    if (ctx.dialect === 'postgres') query = query.forUpdate()
    const row = await query.executeTakeFirst()
    if (!row) throw new DeskError('NotFound', 'No such message.', { details: { messageId: id } })
    if (!CANCELABLE_CODES.includes(row.status_code)) {
      throw new DeskError(
        'NotCancelable',
        `Only queued or scheduled messages can be canceled; this one is ${row.status_code} ${statusName(row.status_code)}.`,
        { details: { messageId: id, status: row.status_code } },
      )
    }
    const now = ctx.clock.now()
    const result = await recordStatus(
      trx,
      ctx.dialect,
      id,
      { code: 203, at: now, detail: 'Canceled by the user' },
      now,
    )
    events = result.events
  })
  emitAll(ctx, events)
  return getMessage(ctx.db, ctx.dialect, accountId, id)
}
