/** Opt-out links: one unguessable token per account and number; opening it shows who, using it blocklists. */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { iso } from '../context.ts'
import type { Database } from '../store/schema.ts'
import { blockNumber, isBlocked } from './blocklist-store.ts'
import { maskNumber } from './mask.ts'

/** 144 random bits as 24 base64url characters: safe in a URL path, not guessable. */
export function generateOptOutToken(): string {
  return randomBytes(18).toString('base64url')
}

/** Tokens are base64url of fixed length; anything else is rejected before a query. */
export function looksLikeOptOutToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(token)
}

/** The account's token for `number` (E.164), created on first request and reused after. */
export async function optOutTokenFor(
  db: Kysely<Database>,
  accountId: string,
  number: string,
  now: Date,
): Promise<string> {
  const existing = await tokenRow(db, accountId, number)
  if (existing) return existing
  // Two senders asking at once: the unique (account, number) keeps one, and both read that one back.
  await db
    .insertInto('opt_out_tokens')
    .values({
      token: generateOptOutToken(),
      account_id: accountId,
      number,
      created_at: iso(now),
      used_at: null,
    })
    .onConflict((oc) => oc.columns(['account_id', 'number']).doNothing())
    .execute()
  const created = await tokenRow(db, accountId, number)
  if (!created) throw new Error('opt-out token vanished right after it was stored')
  return created
}

async function tokenRow(
  db: Kysely<Database>,
  accountId: string,
  number: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('opt_out_tokens')
    .select('token')
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .executeTakeFirst()
  return row?.token
}

/** What the opt-out page shows: whose messages, to which (masked) number, and whether it was used already. */
export async function describeToken(
  db: Kysely<Database>,
  token: string,
): Promise<{ accountName: string; maskedNumber: string; used: boolean } | null> {
  if (!looksLikeOptOutToken(token)) return null
  const row = await db
    .selectFrom('opt_out_tokens')
    .innerJoin('accounts', 'accounts.id', 'opt_out_tokens.account_id')
    .select(['accounts.name', 'opt_out_tokens.number', 'opt_out_tokens.used_at'])
    .where('opt_out_tokens.token', '=', token)
    .executeTakeFirst()
  if (!row) return null
  return { accountName: row.name, maskedNumber: maskNumber(row.number), used: row.used_at !== null }
}

/**
 * Blocklists the token's number (reason `opt_out_link`) and marks the token used, in one transaction.
 * Idempotent: using it again reports `alreadyUsed` and makes sure the number is (still) blocked — the link
 * always means "stop sending to me", even if the block was lifted in between.
 */
export async function useToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ alreadyUsed: boolean; accountId: string; number: string; newlyBlocked: boolean } | null> {
  if (!looksLikeOptOutToken(token)) return null
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('opt_out_tokens')
      .select(['account_id', 'number'])
      .where('token', '=', token)
      .executeTakeFirst()
    if (!row) return null
    const marked = await trx
      .updateTable('opt_out_tokens')
      .set({ used_at: iso(now) })
      .where('token', '=', token)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    const before = await isBlocked(trx, row.account_id, row.number)
    await blockNumber(trx, row.account_id, row.number, 'opt_out_link', now)
    return {
      alreadyUsed: Number(marked.numUpdatedRows) === 0,
      accountId: row.account_id,
      number: row.number,
      newlyBlocked: !before,
    }
  })
}
