/** `desk.prices`: what one segment costs an account, per destination country, in its own currency. */

import type { CoreContext } from '../context.ts'
import { readBalance } from '../ledger/balance.ts'
import { type PriceList, type PriceTable, parsePriceList, priceListInForce } from './pricing.ts'

export interface PriceListInForce extends PriceList {
  currency: string
  /** `account` when the account has its own prices (over the provider's), `provider` otherwise. */
  source: 'account' | 'provider'
}

export interface PricesApi {
  /** The provider-wide lists, per currency. */
  provider(): PriceTable
  /** The list a send accepted now is priced by. */
  inForce(accountId: string): Promise<PriceListInForce>
}

/** `desk.prices` over the store in `ctx` and the provider-wide `table`. */
export function createPricesApi(ctx: CoreContext, table: PriceTable): PricesApi {
  return {
    provider: () => table,
    async inForce(accountId) {
      const { currency } = await readBalance(ctx.db, accountId)
      const row = await ctx.db
        .selectFrom('accounts')
        .select('price_list')
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow()
      const own = parsePriceList(row.price_list)
      const list = priceListInForce(table, currency, own) ?? { countries: {} }
      return { currency, ...list, source: own ? 'account' : 'provider' }
    },
  }
}
