/** The account's blocklist, shared by everything it sends. */
import { requireAccount } from '../accounts/scope.ts'
import type { CoreContext } from '../context.ts'
import type { BlockEntry } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { blockedAmong } from './blocked-among.ts'
import { blockNumber } from './blocklist-store.ts'
import { rowToBlockEntry } from './mappers.ts'
import { DEFAULT_COUNTRY, toE164 } from './number.ts'

const REASONS: readonly BlockEntry['reason'][] = ['manual', 'stop', 'opt_out_link']

/** `desk.blocklist`: numbers an account never sends to. */
export interface BlocklistApi {
  list(accountId: string): Promise<BlockEntry[]>
  add(accountId: string, number: string, reason?: BlockEntry['reason']): Promise<BlockEntry>
  /** The number's entry (any form of the number), or null when it is not blocked. */
  get(accountId: string, number: string): Promise<BlockEntry | null>
  /** False when the number was not on the list. */
  remove(accountId: string, number: string): Promise<boolean>
}

export interface BlocklistModule {
  blocklist: BlocklistApi
  /** The subset of `numbers` (E.164, as the sending path has them) that the account has blocked. */
  blockedAmong(accountId: string, numbers: string[]): Promise<Set<string>>
}

/** The Desk's blocklist methods over the store in `ctx`. */
export function createBlocklistModule(
  ctx: CoreContext,
  opts: { defaultCountry?: string } = {},
): BlocklistModule {
  const { db, clock, dialect } = ctx
  const defaultCountry = opts.defaultCountry ?? DEFAULT_COUNTRY

  const blocklist: BlocklistApi = {
    async list(accountId) {
      await requireAccount(db, accountId)
      const rows = await db
        .selectFrom('blocklist')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('number')
        .execute()
      return rows.map(rowToBlockEntry)
    },

    async add(accountId, number, reason = 'manual') {
      if (!REASONS.includes(reason))
        throw new DeskError('InvalidRequest', 'reason must be manual, stop or opt_out_link')
      const e164 = toE164(number, defaultCountry)
      return db.transaction().execute(async (trx) => {
        await requireAccount(trx, accountId)
        return rowToBlockEntry(await blockNumber(trx, accountId, e164, reason, clock.now()))
      })
    },

    async get(accountId, number) {
      const e164 = toE164(number, defaultCountry)
      const row = await db
        .selectFrom('blocklist')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('number', '=', e164)
        .executeTakeFirst()
      return row ? rowToBlockEntry(row) : null
    },

    async remove(accountId, number) {
      const e164 = toE164(number, defaultCountry)
      await requireAccount(db, accountId)
      const result = await db
        .deleteFrom('blocklist')
        .where('account_id', '=', accountId)
        .where('number', '=', e164)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
  }

  return {
    blocklist,
    blockedAmong: (accountId, numbers) => blockedAmong(db, dialect, accountId, numbers),
  }
}
