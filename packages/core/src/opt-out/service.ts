/**
 * The opt-out add-ons as the provider sells them: the link (495 kr/year) and the virtual number for STOP replies
 * (995 kr/year), each with 12 months' commitment and 3 months' notice. Switched per account by the operator and
 * recorded as subscription periods; they are billed outside the SMS ledger.
 */
import type { Kysely } from 'kysely'
import { iso } from '../context.ts'
import { newId } from '../ids.ts'
import type { Money } from '../money.ts'
import type { Database } from '../store/schema.ts'

export const OPT_OUT_SERVICES = ['link', 'reply'] as const
export type OptOutService = (typeof OPT_OUT_SERVICES)[number]

/** Yearly list prices in öre (SEK), from the provider's support page. */
export const OPT_OUT_SERVICE_PRICES: Record<OptOutService, Money> = {
  link: { amount: 49_500, currency: 'SEK' },
  reply: { amount: 99_500, currency: 'SEK' },
}
export const COMMITMENT_MONTHS = 12
export const NOTICE_MONTHS = 3

export interface OptOutSubscription {
  id: string
  service: OptOutService
  yearlyPrice: Money
  startedAt: Date
  committedUntil: Date
  cancelledAt: Date | null
  /** Set when cancelled: what is owed runs to the later of the commitment's end and the notice. */
  paidUntil: Date | null
}

/** Per service: the current subscription, or null when it is off. */
export type OptOutServiceState = Record<OptOutService, OptOutSubscription | null>

/** The current subscription per service. */
export async function loadServiceState(db: Kysely<Database>, accountId: string): Promise<OptOutServiceState> {
  const rows = await db
    .selectFrom('opt_out_subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('cancelled_at', 'is', null)
    .execute()
  const state: OptOutServiceState = { link: null, reply: null }
  for (const row of rows) {
    state[row.service] = {
      id: row.id,
      service: row.service,
      yearlyPrice: { amount: Number(row.yearly_price), currency: row.currency },
      startedAt: new Date(row.started_at),
      committedUntil: new Date(row.committed_until),
      cancelledAt: null,
      paidUntil: null,
    }
  }
  return state
}

/** Every subscription period of the account, oldest first: the record the operator bills from. */
export async function subscriptionHistory(
  db: Kysely<Database>,
  accountId: string,
): Promise<OptOutSubscription[]> {
  const rows = await db
    .selectFrom('opt_out_subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('started_at')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    service: row.service,
    yearlyPrice: { amount: Number(row.yearly_price), currency: row.currency },
    startedAt: new Date(row.started_at),
    committedUntil: new Date(row.committed_until),
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null,
    paidUntil: row.paid_until ? new Date(row.paid_until) : null,
  }))
}

/**
 * Switches each service on or off: on starts a subscription period (unless one is running), off ends the running
 * one with its dates. Runs in the caller's transaction.
 */
export async function switchServices(
  trx: Kysely<Database>,
  accountId: string,
  wanted: Record<OptOutService, boolean>,
  now: Date,
  by: string | null,
): Promise<void> {
  const current = await loadServiceState(trx, accountId)
  for (const service of OPT_OUT_SERVICES) {
    const running = current[service]
    if (wanted[service] && !running) {
      const price = OPT_OUT_SERVICE_PRICES[service]
      await trx
        .insertInto('opt_out_subscriptions')
        .values({
          id: newId('oos', now.getTime()),
          account_id: accountId,
          service,
          yearly_price: price.amount,
          currency: price.currency,
          started_at: iso(now),
          committed_until: iso(addMonths(now, COMMITMENT_MONTHS)),
          cancelled_at: null,
          paid_until: null,
          created_by: by,
        })
        .execute()
    } else if (!wanted[service] && running) {
      const notice = addMonths(now, NOTICE_MONTHS)
      const paidUntil = new Date(Math.max(notice.getTime(), running.committedUntil.getTime()))
      await trx
        .updateTable('opt_out_subscriptions')
        .set({ cancelled_at: iso(now), paid_until: iso(paidUntil) })
        .where('id', '=', running.id)
        .execute()
    }
  }
}

/** The same day of the month `months` later (clamped to the month's end), in UTC. */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d
}
