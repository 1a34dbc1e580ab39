/**
 * Claiming due messages with a lease. One UPDATE … WHERE id IN (SELECT … LIMIT n) … RETURNING marks them
 * 110 Sending (a first try's history gains the step in the same statement) and leased to us; on PostgreSQL the inner SELECT takes `FOR UPDATE SKIP LOCKED`, so several
 * processes never claim the same row; SQLite's single writer makes the same statement safe.
 */

import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { callbackRow } from '../messages/callbacks.ts'
import { stepText } from '../messages/history.ts'
import { writeTransaction } from '../messages/transaction.ts'
import { statusName } from '../status/catalogue.ts'
import type { Database } from '../store/schema.ts'

export interface ClaimedMessage {
  id: string
  account_id: string
  batch_id: string
  sender: string
  recipient: string
  body: string
  encoding: 'GSM-7' | 'UCS-2'
  reference: string | null
  status_callback_url: string | null
  valid_until: string
  gateway_id: string | null
  /** The hand-over an earlier try was recorded in: it may have reached the gateway, so it is asked first. */
  hand_over_id: string | null
  /** Including this claim: 1 means never tried before; more means an earlier try may have reached the gateway. */
  attempts: number
  /** `confirmation` for an opt-out confirmation, which goes to a number that has just blocked the account. */
  opt_out: string | null
}

/**
 * What a dispatcher remembers between claims to share them out between accounts: while one account's backlog fills
 * whole claims, the accounts with due messages (found at most once per `PROBE_EVERY_MS`) each get a share of every
 * claim first, so a single SMS from another account goes out within about a second instead of after the backlog.
 */
export interface ClaimFairness {
  /** Accounts with due first tries, the longest waiting first; fewer than two means no sharing. */
  accounts: string[]
  /** When they were found (performance.now()). */
  probedAt: number
  /** A claim suggested that other accounts may be waiting behind one account's backlog. */
  probeDue: boolean
}

/** How often a dispatcher may look for the accounts with due messages (a few index look-ups per account). */
const PROBE_EVERY_MS = 1_000
/** The most accounts one claim is shared between. */
const MAX_SHARED_ACCOUNTS = 16

export function newClaimFairness(): ClaimFairness {
  return { accounts: [], probedAt: Number.NEGATIVE_INFINITY, probeDue: false }
}

/**
 * Claims up to `limit` due messages: funded (103) ones whose time has come, and 110 ones released for a retry
 * or whose lease ran out (their owner died mid hand-over). Records 110 Sending for first tries, in the same
 * transaction, and returns the events to emit. With `fairness`, the claim is shared between the accounts that
 * have due messages when one account's backlog would otherwise take it all; what they leave is filled oldest first.
 */
export async function claimDue(
  ctx: CoreContext,
  args: { owner: string; limit: number; leaseMs: number; fairness?: ClaimFairness },
): Promise<{ claimed: ClaimedMessage[]; events: StatusChangeEvent[] }> {
  const now = ctx.clock.now()
  const nowText = iso(now)
  const { fairness } = args
  // A read, outside the write transaction: it need not hold up the other writers.
  if (fairness?.probeDue && performance.now() - fairness.probedAt >= PROBE_EVERY_MS) {
    fairness.accounts = await accountsWithDueMessages(ctx.db, nowText)
    fairness.probedAt = performance.now()
    fairness.probeDue = false
  }
  return writeTransaction(ctx, async (trx) => {
    if (ctx.dialect === 'postgres') await preferOrderedWalk(trx)
    const claim = { owner: args.owner, leaseUntil: iso(new Date(now.getTime() + args.leaseMs)), nowText }
    const claimed: ClaimedMessage[] = []
    const sharing = fairness && fairness.accounts.length >= 2 ? fairness.accounts : []
    const share = Math.max(1, Math.floor(args.limit / Math.max(1, sharing.length)))
    for (const accountId of sharing) {
      const limit = Math.min(share, args.limit - claimed.length)
      if (limit <= 0) break
      claimed.push(...(await claimSome(trx, ctx.dialect, { ...claim, limit, accountId })))
    }
    if (claimed.length < args.limit)
      claimed.push(...(await claimSome(trx, ctx.dialect, { ...claim, limit: args.limit - claimed.length })))
    if (fairness) {
      const full = claimed.length >= args.limit
      const oneAccount = claimed.every((m) => m.account_id === claimed[0]?.account_id)
      // Full claims keep the accounts fresh: one account alone may hide others behind it, and sharing stops
      // once the backlog behind it is gone. A claim that was not full had everything due: no one is waiting.
      if (full && (sharing.length > 0 || oneAccount)) fairness.probeDue = true
      else if (!full) fairness.accounts = []
    }
    // Their 110 Sending is in their histories already: the claiming UPDATE appended it.
    const firstTries = claimed.filter((m) => m.attempts === 1)
    if (firstTries.length === 0) return { claimed, events: [] }
    const callbacks = firstTries.flatMap((m) => callbackRow(m, 110, now, now) ?? [])
    if (callbacks.length > 0) await trx.insertInto('webhook_deliveries').values(callbacks).execute()
    const events = firstTries.map(
      (m): StatusChangeEvent => ({
        accountId: m.account_id,
        messageId: m.id,
        batchId: m.batch_id,
        recipient: m.recipient,
        code: 110,
        name: statusName(110),
        final: false,
        at: now,
      }),
    )
    return { claimed, events }
  })
}

/**
 * PostgreSQL, for the claim's transaction only: without table statistics (a young table, or a backlog that grew
 * faster than autovacuum) the planner guesses a handful of due rows and reads and sorts the whole backlog on every
 * claim. With sorting ruled out it walks the claimable index in next-attempt order and stops at the LIMIT; JIT
 * compilation, which a wrong estimate can trigger, costs more than this short statement ever runs.
 */
export async function preferOrderedWalk(trx: CoreContext['db']): Promise<void> {
  // One round trip: set_config(…, true) is SET LOCAL.
  await sql`select set_config('enable_sort', 'off', true), set_config('jit', 'off', true)`.execute(trx)
}

type ClaimArgs = { owner: string; leaseUntil: string; nowText: string; limit: number; accountId?: string }

/**
 * One claiming statement: up to `limit` due messages, oldest first. With `accountId`, that account's first tries
 * only, read from the partial index of funded messages (a funded message has no lease, and its next attempt is its
 * send time), so it never reads past another account's backlog; its retries come with everyone's.
 */
async function claimSome(
  trx: CoreContext['db'],
  dialect: CoreContext['dialect'],
  args: ClaimArgs,
): Promise<ClaimedMessage[]> {
  return claimStatement(trx, dialect, args).execute()
}

/** The claiming UPDATE … RETURNING, built (exported for the test that checks its plan on each dialect). */
export function claimStatement(trx: CoreContext['db'], dialect: CoreContext['dialect'], args: ClaimArgs) {
  const { nowText } = args
  let due: RawBuilder<string> | SelectQueryBuilder<Database, 'messages', { id: string }>
  if (args.accountId === undefined) {
    let oldest = trx
      .selectFrom('messages')
      .select('id')
      .where('status_code', 'in', [103, 110])
      .where('next_attempt_at', '<=', nowText)
      .where('send_at', '<=', nowText)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowText)]))
      .orderBy('next_attempt_at')
      .limit(args.limit)
    if (dialect === 'postgres') oldest = oldest.forUpdate().skipLocked()
    due = oldest
  } else {
    // Written out: the literal 103 lets the database see that the partial index applies, and SQLite is told to
    // use it (on an empty or young database it would otherwise pick the status index and read past a backlog).
    const sqlite = dialect === 'sqlite'
    due = sql<string>`(select "id" from "messages" ${sql.raw(sqlite ? 'indexed by "messages_account_due_idx"' : '')}
      where "account_id" = ${args.accountId} and "status_code" = 103 and "next_attempt_at" <= ${nowText}
      order by "next_attempt_at" limit ${args.limit} ${sql.raw(sqlite ? '' : 'for update skip locked')})`
  }
  return trx
    .updateTable('messages')
    .set({
      status_code: 110,
      attempts: sql`attempts + 1`,
      // A first try's 110 Sending, appended to its history by the same statement (a retry has it already); the
      // comma goes when the history was empty (a row written by hand).
      history: sql`case when "attempts" = 0 then ltrim("history" || ${`,${stepText(110, nowText, null)}`}, ',')
        else "history" end`,
      lease_owner: args.owner,
      lease_until: args.leaseUntil,
      updated_at: nowText,
    })
    .where('id', 'in', due)
    .returning([
      'id',
      'account_id',
      'batch_id',
      'sender',
      'recipient',
      'body',
      'encoding',
      'reference',
      'status_callback_url',
      'valid_until',
      'gateway_id',
      'hand_over_id',
      'attempts',
      'opt_out',
    ])
}

/**
 * The accounts with funded messages whose time has come, the longest waiting first: per account, the first entry
 * of the partial index of funded messages by (account, next attempt), so the cost follows the number of accounts,
 * not the backlog.
 */
async function accountsWithDueMessages(trx: CoreContext['db'], nowText: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select "id" from (
      select a."id" as "id", (select min(m."next_attempt_at") from "messages" as m
        where m."account_id" = a."id" and m."status_code" = 103 and m."next_attempt_at" <= ${nowText}) as "due"
      from "accounts" as a
    ) as "waiting" where "due" is not null order by "due", "id" limit ${MAX_SHARED_ACCOUNTS}`.execute(trx)
  return rows.map((r) => r.id)
}
