/** `desk.ledger`: an account's balance and the entries that explain it. */
export type { CreditInput, CreditResult } from './credit.ts'

import type { CoreContext } from '../context.ts'
import type { LedgerEntry, Page } from '../desk.ts'
import { type Money, money } from '../money.ts'
import { readBalance, topUpBalance } from './balance.ts'
import { bookCredit, type CreditInput, type CreditResult } from './credit.ts'
import { listLedgerEntries } from './entries.ts'

export interface LedgerApi {
  balance(accountId: string): Promise<Money>
  /** Newest first. */
  entries(accountId: string, page?: { limit?: number; cursor?: string }): Promise<Page<LedgerEntry>>
  /** Adds money without a reference: for the core's own callers and tests; the provider books through `credit`. */
  topUp(accountId: string, amount: number, note?: string): Promise<Money>
  /** A provider credit or adjustment, idempotent by `reference`; see `bookCredit`. */
  credit(accountId: string, input: CreditInput): Promise<CreditResult>
}

/** `desk.ledger` over the store in `ctx`. */
export function createLedgerApi(ctx: CoreContext): LedgerApi {
  return {
    balance: async (accountId) => {
      const b = await readBalance(ctx.db, accountId)
      return money(b.amount, b.currency)
    },
    entries: async (accountId, page) => {
      const { currency } = await readBalance(ctx.db, accountId)
      return listLedgerEntries(ctx.db, accountId, currency, page)
    },
    topUp: async (accountId, amount, note) => {
      const b = await topUpBalance(ctx, {
        accountId,
        amount,
        ...(note !== undefined ? { note } : {}),
        at: ctx.clock.now(),
      })
      return money(b.amount, b.currency)
    },
    credit: (accountId, input) => bookCredit(ctx, accountId, input),
  }
}
