/** Rows to the Desk's account and user shapes (bigint strings from PostgreSQL become numbers here). */

import type { Selectable } from 'kysely'
import type { Account, User } from '../desk.ts'
import { money } from '../money.ts'
import type { AccountRow, UsersTable } from '../store/schema.ts'

export function rowToAccount(
  row: AccountRow,
  registeredSenders: string[],
  virtualNumbers: string[],
): Account {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    balance: money(Number(row.balance), row.currency),
    naCampaign: Number(row.na_campaign) === 1,
    bannedWords: parseWords(row.banned_words),
    registeredSenders,
    virtualNumbers,
    createdAt: new Date(row.created_at),
  }
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

function parseWords(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : []
  } catch {
    return []
  }
}
