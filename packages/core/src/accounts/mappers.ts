/** Rows to the Desk's account and user shapes (bigint strings from PostgreSQL become numbers here). */

import type { Selectable } from 'kysely'
import type { Account, User } from '../desk.ts'
import { money } from '../money.ts'
import { parsePriceList } from '../sending/pricing.ts'
import type { AccountRow, UsersTable } from '../store/schema.ts'

/** What the account row alone cannot say: its senders, numbers, the provider's default and the time. */
export interface AccountExtras {
  registeredSenders: string[]
  virtualNumbers: string[]
  requireRegisteredSendersByDefault: boolean
  now: Date
}

export function rowToAccount(row: AccountRow, extras: AccountExtras): Account {
  const until = row.na_campaign_until ? new Date(row.na_campaign_until) : null
  return {
    id: row.id,
    customerNumber: row.customer_number ?? row.id,
    name: row.name,
    status: row.status,
    currency: row.currency,
    balance: money(Number(row.balance), row.currency),
    naCampaign: campaignInForce(Number(row.na_campaign), row.na_campaign_until, extras.now),
    naCampaignUntil: until,
    bannedWords: parseWords(row.banned_words),
    registeredSenders: extras.registeredSenders,
    requireRegisteredSenders:
      row.require_registered_senders === null
        ? extras.requireRegisteredSendersByDefault
        : Number(row.require_registered_senders) === 1,
    priceList: parsePriceList(row.price_list),
    virtualNumbers: extras.virtualNumbers,
    createdAt: new Date(row.created_at),
  }
}

/** A booked campaign counts until its end date, when it has one. */
export function campaignInForce(booked: number, until: string | null, now: Date): boolean {
  return booked === 1 && (until === null || Date.parse(until) > now.getTime())
}

export function rowToUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    role: row.role,
    createdAt: new Date(row.created_at),
  }
}

/** The banned words column (a JSON array); anything unreadable is no words. */
export function parseWords(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : []
  } catch {
    return []
  }
}
