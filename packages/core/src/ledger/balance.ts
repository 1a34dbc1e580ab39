/** Moves money on an account: funding a batch, refunding a message, topping up. Each move is one conditional update plus a ledger row. */

import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Dialect } from '../context.ts'
import { DeskError } from '../errors.ts'
import { writeTransaction } from '../messages/transaction.ts'
import type { Database } from '../store/schema.ts'
import { appendLedgerEntry } from './entries.ts'

/** The account's balance and currency; `NotFound` for an unknown account. */
export async function readBalance(
  db: Kysely<Database>,
  accountId: string,
): Promise<{ amount: number; currency: string }> {
  const row = await db
    .selectFrom('accounts')
    .select(['balance', 'currency'])
    .where('id', '=', accountId)
    .executeTakeFirst()
  if (!row) throw new DeskError('NotFound', 'No such account.', { details: { accountId } })
  return { amount: Number(row.balance), currency: row.currency }
}

/**
 * Charges `total` for a batch in ONE conditional update (`balance >= total`), so racing sends can never take the
 * balance below zero. Returns the balance after, or null when it does not cover the total (nothing is charged).
 * Must run inside the send transaction.
 */
export async function fundBatch(
  trx: Kysely<Database>,
  args: { accountId: string; batchId: string; total: number; at: Date },
): Promise<number | null> {
  const { rows } = await chargeStatement(args.accountId, args.total).execute(trx)
  const row = rows[0]
  if (!row) return null
  const balanceAfter = Number(row.balance)
  await appendLedgerEntry(trx, {
    accountId: args.accountId,
    amount: -args.total,
    balanceAfter,
    kind: 'charge',
    batchId: args.batchId,
    at: args.at,
  })
  return balanceAfter
}

/**
 * The conditional charge of `total`: the balance after it, or no row when the balance does not cover it. Written as
 * SQL, not built per call: it runs once per send (in `fundBatch`, and inside a send's one statement on PostgreSQL).
 */
export function chargeStatement(accountId: string, total: number) {
  return sql<{ balance: number | string }>`update "accounts" set "balance" = "balance" - ${total}
    where "id" = ${accountId} and "balance" >= ${total} returning "balance"`
}

/** Gives a message's price back; call it in the transaction that records 104 Refunded. */
export async function refundMessage(
  trx: Kysely<Database>,
  args: { accountId: string; batchId: string; messageId: string; amount: number; note: string; at: Date },
): Promise<number> {
  const balanceAfter = await addToBalance(trx, args.accountId, args.amount)
  await appendLedgerEntry(trx, {
    accountId: args.accountId,
    amount: args.amount,
    balanceAfter,
    kind: 'refund',
    batchId: args.batchId,
    messageId: args.messageId,
    note: args.note,
    at: args.at,
  })
  return balanceAfter
}

/** Adds a positive whole amount of minor units; returns the new balance. */
export async function topUpBalance(
  store: { db: Kysely<Database>; dialect: Dialect },
  args: { accountId: string; amount: number; note?: string; at: Date },
): Promise<{ amount: number; currency: string }> {
  if (!Number.isSafeInteger(args.amount) || args.amount <= 0)
    throw new DeskError('InvalidRequest', 'A top-up must be a positive whole number of minor units.', {
      details: { field: 'amount' },
    })
  return writeTransaction(store, async (trx) => {
    const balanceAfter = await addToBalance(trx, args.accountId, args.amount)
    await appendLedgerEntry(trx, {
      accountId: args.accountId,
      amount: args.amount,
      balanceAfter,
      kind: 'top_up',
      note: args.note ?? null,
      at: args.at,
    })
    const { currency } = await readBalance(trx, args.accountId)
    return { amount: balanceAfter, currency }
  })
}

async function addToBalance(trx: Kysely<Database>, accountId: string, amount: number): Promise<number> {
  const row = await trx
    .updateTable('accounts')
    .set({ balance: sql`balance + ${amount}` })
    .where('id', '=', accountId)
    .returning('balance')
    .executeTakeFirst()
  if (!row) throw new DeskError('NotFound', 'No such account.', { details: { accountId } })
  return Number(row.balance)
}
