/** Credits booked by the provider: idempotent by reference (a webshop order id), never taking a balance below zero. */
import { sql } from 'kysely'
import { isUniqueViolation } from '../accounts/store-errors.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { LedgerEntry } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { writeTransaction } from '../messages/transaction.ts'
import { type Money, money } from '../money.ts'
import { rowToLedgerEntry } from './entries.ts'

export interface CreditInput {
  /** Minor units; negative for an adjustment down. Never zero. */
  amount: number
  /** Makes the credit idempotent: the same reference books once per account. */
  reference: string
  note?: string
}

export interface CreditResult {
  entry: LedgerEntry
  balance: Money
  /** True when the reference was booked before: nothing new happened. */
  replayed: boolean
}

const MAX_REFERENCE = 100

/**
 * Books `amount` on the account under `reference`. The same reference again answers the first result; with a
 * different amount it is a `Conflict`. A negative amount larger than the balance is `InsufficientFunds` and
 * changes nothing. Racing calls with one reference book exactly once (a unique index decides).
 */
export async function bookCredit(
  ctx: CoreContext,
  accountId: string,
  input: CreditInput,
): Promise<CreditResult> {
  const amount = input?.amount
  if (!Number.isSafeInteger(amount) || amount === 0)
    throw new DeskError('InvalidRequest', 'A credit must be a non-zero whole number of minor units.', {
      details: { field: 'amount' },
    })
  const reference = typeof input.reference === 'string' ? input.reference.trim() : ''
  if (!reference || reference.length > MAX_REFERENCE)
    throw new DeskError('InvalidRequest', `A credit needs a reference of 1 to ${MAX_REFERENCE} characters.`, {
      details: { field: 'reference' },
    })
  const earlier = await replay(ctx, accountId, reference, amount)
  if (earlier) return earlier
  try {
    return await writeTransaction(ctx, async (trx) => {
      const again = await replay({ ...ctx, db: trx }, accountId, reference, amount)
      if (again) return again
      // One conditional update: a negative adjustment never takes the balance below zero, even when racing a send.
      const { rows } = await sql<{ balance: number | string; currency: string }>`update "accounts"
        set "balance" = "balance" + ${amount}
        where "id" = ${accountId} and "balance" + ${amount} >= 0 returning "balance", "currency"`.execute(trx)
      const updated = rows[0]
      if (!updated) {
        const exists = await trx
          .selectFrom('accounts')
          .select('id')
          .where('id', '=', accountId)
          .executeTakeFirst()
        if (!exists) throw new DeskError('NotFound', 'No such account.', { details: { accountId } })
        throw new DeskError(
          'InsufficientFunds',
          'The adjustment would take the balance below zero; nothing changed.',
        )
      }
      const row = await trx
        .insertInto('ledger_entries')
        .values({
          account_id: accountId,
          amount,
          balance_after: Number(updated.balance),
          kind: amount > 0 ? 'top_up' : 'adjustment',
          batch_id: null,
          message_id: null,
          note: input.note?.trim() || null,
          reference,
          created_at: iso(ctx.clock.now()),
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      return {
        entry: rowToLedgerEntry(row, updated.currency),
        balance: money(Number(updated.balance), updated.currency),
        replayed: false,
      }
    })
  } catch (err) {
    // PostgreSQL: a twin committed the same reference first; its result is ours.
    if (isUniqueViolation(err)) {
      const twin = await replay(ctx, accountId, reference, amount)
      if (twin) return twin
    }
    throw err
  }
}

async function replay(
  ctx: Pick<CoreContext, 'db'>,
  accountId: string,
  reference: string,
  amount: number,
): Promise<CreditResult | null> {
  const row = await ctx.db
    .selectFrom('ledger_entries')
    .innerJoin('accounts', 'accounts.id', 'ledger_entries.account_id')
    .selectAll('ledger_entries')
    .select(['accounts.balance as account_balance', 'accounts.currency'])
    .where('ledger_entries.account_id', '=', accountId)
    .where('ledger_entries.reference', '=', reference)
    .executeTakeFirst()
  if (!row) return null
  if (Number(row.amount) !== amount)
    throw new DeskError('Conflict', `Reference ${reference} was already booked with another amount.`, {
      details: { reference },
    })
  return {
    entry: rowToLedgerEntry(row, row.currency),
    balance: money(Number(row.account_balance), row.currency),
    replayed: true,
  }
}
