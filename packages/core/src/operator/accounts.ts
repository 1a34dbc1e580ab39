/** `desk.operator.accounts`: customer accounts as the provider sees them — find, create, change, suspend, numbers, campaigns. */
import { sql } from 'kysely'
import type { AccountsApi } from '../accounts/accounts.ts'
import { requireAccount } from '../accounts/scope.ts'
import { isUniqueViolation } from '../accounts/store-errors.ts'
import { toE164 } from '../contacts/number.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { Account, AccountStatus, NewAccount } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { assertPriceList, type PriceList } from '../sending/pricing.ts'

export interface AccountChanges {
  name?: string
  status?: AccountStatus
  bannedWords?: string[]
  /** null goes back to the provider-wide list. Applies to sends accepted after the change. */
  priceList?: PriceList | null
  /** null goes back to the provider-wide default. */
  requireRegisteredSenders?: boolean | null
}

export interface OperatorAccountsApi {
  create(input: NewAccount): Promise<Account>
  /** By account id or customer number; `NotFound` otherwise. */
  find(idOrCustomerNumber: string): Promise<Account>
  /** Name (any part, any case) or customer number (exact or its start); newest first, at most 100. */
  search(text?: string): Promise<Account[]>
  update(accountId: string, changes: AccountChanges): Promise<Account>
  /** Books (or extends) the North-America campaign: +1 recipients are accepted until `until`, or for good. */
  bookNaCampaign(accountId: string, until?: Date | null): Promise<Account>
  endNaCampaign(accountId: string): Promise<Account>
  /** Gives the account a virtual number; one another account owns is a `Conflict`. */
  assignNumber(accountId: string, number: string): Promise<Account>
  /** Takes the number back; `NotFound` when the account does not own it. */
  releaseNumber(accountId: string, number: string): Promise<Account>
}

/** `desk.operator.accounts` over the store in `ctx`, on top of the account module's create and get. */
export function createOperatorAccountsApi(
  ctx: CoreContext,
  accounts: AccountsApi,
  defaultCountry: string,
): OperatorAccountsApi {
  const { db, clock } = ctx

  async function find(idOrCustomerNumber: string): Promise<Account> {
    const key = String(idOrCustomerNumber ?? '').trim()
    const row = await db
      .selectFrom('accounts')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', key), eb('customer_number', '=', key)]))
      .executeTakeFirst()
    if (!row) throw new DeskError('NotFound', `No account with id or customer number ${key}`)
    return accounts.get(row.id)
  }

  return {
    create: (input) => accounts.create(input),
    find,

    async search(text) {
      let query = db
        .selectFrom('accounts')
        .select('id')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(100)
      const needle = text?.trim()
      if (needle) {
        const like = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        query = query.where((eb) =>
          eb.or([
            eb('customer_number', '=', needle),
            eb('customer_number', 'like', `${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
            sql<boolean>`lower("name") like ${like} escape '\\'`,
          ]),
        )
      }
      const rows = await query.execute()
      return Promise.all(rows.map((r) => accounts.get(r.id)))
    },

    async update(accountId, changes) {
      await requireAccount(db, accountId)
      const set: Record<string, unknown> = {}
      if (changes.name !== undefined) {
        const name = String(changes.name).trim()
        if (!name)
          throw new DeskError('InvalidRequest', 'An account needs a name', { details: { field: 'name' } })
        set.name = name
      }
      if (changes.status !== undefined) {
        if (changes.status !== 'active' && changes.status !== 'suspended')
          throw new DeskError('InvalidRequest', 'status is "active" or "suspended"', {
            details: { field: 'status' },
          })
        set.status = changes.status
      }
      if (changes.bannedWords !== undefined)
        set.banned_words = JSON.stringify([
          ...new Set(changes.bannedWords.map((w) => String(w).trim()).filter(Boolean)),
        ])
      if (changes.priceList !== undefined)
        set.price_list =
          changes.priceList === null ? null : JSON.stringify(assertPriceList(changes.priceList))
      if (changes.requireRegisteredSenders !== undefined)
        set.require_registered_senders =
          changes.requireRegisteredSenders === null ? null : changes.requireRegisteredSenders ? 1 : 0
      if (Object.keys(set).length > 0)
        await db.updateTable('accounts').set(set).where('id', '=', accountId).execute()
      return accounts.get(accountId)
    },

    async bookNaCampaign(accountId, until) {
      await requireAccount(db, accountId)
      if (until && until.getTime() <= clock.now().getTime())
        throw new DeskError('InvalidRequest', 'A campaign must end in the future', {
          details: { field: 'until' },
        })
      await db
        .updateTable('accounts')
        .set({ na_campaign: 1, na_campaign_until: until ? iso(until) : null })
        .where('id', '=', accountId)
        .execute()
      return accounts.get(accountId)
    },

    async endNaCampaign(accountId) {
      await requireAccount(db, accountId)
      await db
        .updateTable('accounts')
        .set({ na_campaign: 0, na_campaign_until: null })
        .where('id', '=', accountId)
        .execute()
      return accounts.get(accountId)
    },

    async assignNumber(accountId, raw) {
      const number = toE164(raw, defaultCountry, 'virtual number')
      await requireAccount(db, accountId)
      const owner = await db
        .selectFrom('virtual_numbers')
        .select('account_id')
        .where('number', '=', number)
        .executeTakeFirst()
      if (owner && owner.account_id !== accountId)
        throw new DeskError('Conflict', `The number ${number} belongs to another account`)
      if (!owner) {
        try {
          await db.insertInto('virtual_numbers').values({ number, account_id: accountId }).execute()
        } catch (err) {
          if (isUniqueViolation(err))
            throw new DeskError('Conflict', `The number ${number} belongs to another account`)
          throw err
        }
      }
      return accounts.get(accountId)
    },

    async releaseNumber(accountId, raw) {
      const number = toE164(raw, defaultCountry, 'virtual number')
      const result = await db
        .deleteFrom('virtual_numbers')
        .where('number', '=', number)
        .where('account_id', '=', accountId)
        .executeTakeFirst()
      if (Number(result.numDeletedRows) === 0)
        throw new DeskError('NotFound', `The account does not own the number ${number}`)
      return accounts.get(accountId)
    },
  }
}
