/** Blocklist writes that other modules run inside their own transactions (inbound keywords, opt-out links). */
import type { Kysely, Selectable } from 'kysely'
import { iso } from '../context.ts'
import type { BlockEntry } from '../desk.ts'
import type { BlocklistTable, Database } from '../store/schema.ts'

type Reason = BlockEntry['reason']

/** Blocks set by the recipient themselves; `START` may lift these, never an account's own manual block. */
export const RECIPIENT_REASONS: readonly Reason[] = ['stop', 'opt_out_link']

/**
 * Blocks `number` for the account. An existing block stays as it is, except that a manual block outranks a
 * recipient's own (stop/opt_out_link): the account's decision must survive the recipient texting START later.
 */
export async function blockNumber(
  trx: Kysely<Database>,
  accountId: string,
  number: string,
  reason: Reason,
  now: Date,
): Promise<Selectable<BlocklistTable>> {
  await trx
    .insertInto('blocklist')
    .values({ account_id: accountId, number, reason, created_at: iso(now) })
    .onConflict((oc) => oc.columns(['account_id', 'number']).doNothing())
    .execute()
  if (reason === 'manual') {
    await trx
      .updateTable('blocklist')
      .set({ reason: 'manual' })
      .where('account_id', '=', accountId)
      .where('number', '=', number)
      .where('reason', '!=', 'manual')
      .execute()
  }
  return trx
    .selectFrom('blocklist')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .executeTakeFirstOrThrow()
}

/** True when the number is on the account's blocklist, for any reason. */
export async function isBlocked(trx: Kysely<Database>, accountId: string, number: string): Promise<boolean> {
  const row = await trx
    .selectFrom('blocklist')
    .select('number')
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .executeTakeFirst()
  return row !== undefined
}

/** Lifts a block the recipient set (STOP or the opt-out link); a manual block stays. True when one was lifted. */
export async function liftRecipientBlock(
  trx: Kysely<Database>,
  accountId: string,
  number: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('blocklist')
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .where('reason', 'in', [...RECIPIENT_REASONS])
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
