/** Accounts, their users and API keys: creation, look-up and authentication, every query scoped to one account. */

import { DEFAULT_COUNTRY } from '../contacts/number.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { Account, ApiKeyInfo, IssueApiKeyOptions, NewAccount, Principal, Role, User } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import {
  displayPrefix,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  lastUsedIsStale,
  looksLikeApiKey,
  rowToApiKeyInfo,
} from './api-keys.ts'
import { rowToAccount, rowToUser } from './mappers.ts'
import {
  CustomerNumberTaken,
  nextCustomerNumber,
  type ValidAccount,
  validateNewAccount,
} from './new-account.ts'
import { isRole } from './roles.ts'
import { requireAccount } from './scope.ts'
import { isUniqueViolation } from './store-errors.ts'

export interface AccountsModuleOptions {
  /** Country for local-form virtual numbers; default SE. */
  defaultCountry?: string
  /** The provider-wide default for accounts that have not chosen: every sender must be approved first. */
  requireRegisteredSenders?: boolean
}

/** `desk.accounts`: customer accounts. */
export interface AccountsApi {
  create(input: NewAccount): Promise<Account>
  get(accountId: string): Promise<Account>
}

/** `desk.users`: the people of an account. */
export interface UsersApi {
  create(accountId: string, input: { name: string; role: Role }): Promise<User>
  list(accountId: string): Promise<User[]>
}

/** `desk.apiKeys`: an account's API keys, stored hashed. */
export interface ApiKeysApi {
  /**
   * Issues a key for the user, shown only in this answer. `options.key` issues a key the caller chose (for
   * bootstrapping a known key); it must be `smsd_` + 32 base62 characters, else `InvalidRequest`, and one
   * already in use is a `Conflict`. Stored hashed like every key.
   */
  issue(
    accountId: string,
    userId: string,
    options?: IssueApiKeyOptions,
  ): Promise<{ key: string; info: ApiKeyInfo }>
  list(accountId: string): Promise<ApiKeyInfo[]>
  revoke(accountId: string, keyId: string): Promise<void>
  /** The principal for a raw API key, or null for an unknown or revoked one. */
  authenticate(rawKey: string): Promise<Principal | null>
}

export interface AccountsModule {
  accounts: AccountsApi
  users: UsersApi
  apiKeys: ApiKeysApi
}

/** `desk.accounts`, `desk.users` and `desk.apiKeys` over the store in `ctx`. */
export function createAccountsModule(ctx: CoreContext, opts: AccountsModuleOptions = {}): AccountsModule {
  const { db, clock } = ctx
  const defaultCountry = opts.defaultCountry ?? DEFAULT_COUNTRY

  async function getAccount(accountId: string): Promise<Account> {
    const row = await requireAccount(db, accountId)
    const [senders, numbers] = await Promise.all([
      db
        .selectFrom('registered_senders')
        .select('sender')
        .where('account_id', '=', accountId)
        .where('status', '=', 'approved')
        .orderBy('sender')
        .execute(),
      db
        .selectFrom('virtual_numbers')
        .select('number')
        .where('account_id', '=', accountId)
        .orderBy('number')
        .execute(),
    ])
    return rowToAccount(row, {
      registeredSenders: senders.map((s) => s.sender),
      virtualNumbers: numbers.map((n) => n.number),
      requireRegisteredSendersByDefault: opts.requireRegisteredSenders === true,
      now: clock.now(),
    })
  }

  async function createAccount(input: NewAccount): Promise<Account> {
    const account = validateNewAccount(input, defaultCountry)
    // A generated customer number can lose a race to another creation: the next free one is tried then.
    for (let attempt = 1; ; attempt++) {
      try {
        return await insertAccount(account, attempt)
      } catch (err) {
        if (account.customerNumber === null && err instanceof CustomerNumberTaken && attempt < 20) continue
        if (err instanceof CustomerNumberTaken)
          throw new DeskError('Conflict', `Customer number ${err.number} belongs to another account`)
        throw err
      }
    }
  }

  async function insertAccount(account: ValidAccount, attempt: number): Promise<Account> {
    const id = newId('acc', clock.now().getTime())
    const now = iso(clock.now())
    let customerNumber = account.customerNumber
    await db
      .transaction()
      .execute(async (trx) => {
        customerNumber ??= await nextCustomerNumber(trx, attempt)
        const sameNumber = await trx
          .selectFrom('accounts')
          .select('id')
          .where('customer_number', '=', customerNumber)
          .executeTakeFirst()
        if (sameNumber) throw new CustomerNumberTaken(customerNumber)
        const taken = account.virtualNumbers.length
          ? await trx
              .selectFrom('virtual_numbers')
              .select('number')
              .where('number', 'in', account.virtualNumbers)
              .execute()
          : []
        if (taken.length) {
          throw new DeskError(
            'Conflict',
            `Virtual number already belongs to another account: ${taken[0]?.number}`,
          )
        }
        await trx
          .insertInto('accounts')
          .values({
            id,
            name: account.name,
            currency: account.currency,
            balance: account.balance,
            na_campaign: account.naCampaign ? 1 : 0,
            banned_words: JSON.stringify(account.bannedWords),
            created_at: now,
            customer_number: customerNumber,
            require_registered_senders: null,
            price_list: account.priceList ? JSON.stringify(account.priceList) : null,
            na_campaign_until: null,
          })
          .execute()
        if (account.balance > 0) {
          await trx
            .insertInto('ledger_entries')
            .values({
              account_id: id,
              amount: account.balance,
              balance_after: account.balance,
              kind: 'top_up',
              note: 'Opening balance',
              created_at: now,
            })
            .execute()
        }
        if (account.registeredSenders.length) {
          await trx
            .insertInto('registered_senders')
            .values(account.registeredSenders.map((sender) => ({ account_id: id, sender })))
            .execute()
        }
        if (account.virtualNumbers.length) {
          await trx
            .insertInto('virtual_numbers')
            .values(account.virtualNumbers.map((number) => ({ account_id: id, number })))
            .execute()
        }
      })
      .catch(async (err: unknown) => {
        if (err instanceof DeskError || err instanceof CustomerNumberTaken || !isUniqueViolation(err))
          throw err
        // Two accounts racing for one customer number or virtual number: the loser answers as a sequential caller.
        if (customerNumber !== null) {
          const taken = await db
            .selectFrom('accounts')
            .select('id')
            .where('customer_number', '=', customerNumber)
            .executeTakeFirst()
          if (taken) throw new CustomerNumberTaken(customerNumber)
        }
        throw new DeskError('Conflict', 'Virtual number already belongs to another account')
      })
    return getAccount(id)
  }

  async function createUser(accountId: string, input: { name: string; role: Role }): Promise<User> {
    const name = typeof input?.name === 'string' ? input.name.trim() : ''
    if (!name) throw new DeskError('InvalidRequest', 'A user needs a name')
    if (!isRole(input.role)) throw new DeskError('InvalidRequest', 'Role must be admin, sender or viewer')
    await requireAccount(db, accountId)
    const now = clock.now()
    const row = {
      id: newId('usr', now.getTime()),
      account_id: accountId,
      name,
      role: input.role,
      created_at: iso(now),
    }
    await db.insertInto('users').values(row).execute()
    return rowToUser(row)
  }

  async function listUsers(accountId: string): Promise<User[]> {
    await requireAccount(db, accountId)
    const rows = await db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('id')
      .execute()
    return rows.map(rowToUser)
  }

  async function issueApiKey(
    accountId: string,
    userId: string,
    options: IssueApiKeyOptions = {},
  ): Promise<{ key: string; info: ApiKeyInfo }> {
    // Checked before anything else, and never echoed: a malformed key may still be someone's secret.
    if (options.key !== undefined && !isWellFormedApiKey(options.key))
      throw new DeskError(
        'InvalidRequest',
        'A chosen API key must be "smsd_" followed by 32 letters or digits',
      )
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('account_id', '=', accountId)
      .executeTakeFirst()
    if (!user) throw new DeskError('NotFound', `No user ${userId} in account ${accountId}`)
    const key = options.key ?? generateApiKey()
    const now = clock.now()
    const row = {
      id: newId('key', now.getTime()),
      account_id: accountId,
      user_id: userId,
      prefix: displayPrefix(key),
      hash: hashApiKey(key),
      created_at: iso(now),
      revoked_at: null,
      last_used_at: null,
    }
    try {
      await db.insertInto('api_keys').values(row).execute()
    } catch (err) {
      // Only a chosen key can collide (random ones have ~190 bits); one key must never mean two users.
      if (options.key !== undefined && isUniqueViolation(err))
        throw new DeskError('Conflict', 'That API key is already in use')
      throw err
    }
    return { key, info: rowToApiKeyInfo(row) }
  }

  async function listApiKeys(accountId: string): Promise<ApiKeyInfo[]> {
    await requireAccount(db, accountId)
    const rows = await db
      .selectFrom('api_keys')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('id')
      .execute()
    return rows.map(rowToApiKeyInfo)
  }

  async function revokeApiKey(accountId: string, keyId: string): Promise<void> {
    const key = await db
      .selectFrom('api_keys')
      .select(['id', 'revoked_at'])
      .where('id', '=', keyId)
      .where('account_id', '=', accountId)
      .executeTakeFirst()
    if (!key) throw new DeskError('NotFound', `No API key ${keyId} in account ${accountId}`)
    // Revoking twice keeps the first revocation time.
    if (key.revoked_at) return
    await db
      .updateTable('api_keys')
      .set({ revoked_at: iso(clock.now()) })
      .where('id', '=', keyId)
      .where('revoked_at', 'is', null)
      .execute()
  }

  async function authenticate(rawKey: string): Promise<Principal | null> {
    if (!looksLikeApiKey(rawKey)) return null
    const row = await db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .select([
        'api_keys.id',
        'api_keys.account_id',
        'api_keys.user_id',
        'api_keys.revoked_at',
        'api_keys.last_used_at',
        'users.role',
      ])
      .where('api_keys.hash', '=', hashApiKey(rawKey))
      .executeTakeFirst()
    if (!row || row.revoked_at) return null
    const now = clock.now()
    if (lastUsedIsStale(row.last_used_at, now)) {
      await db
        .updateTable('api_keys')
        .set({ last_used_at: iso(now) })
        .where('id', '=', row.id)
        .execute()
    }
    return { accountId: row.account_id, userId: row.user_id, role: row.role, keyId: row.id }
  }

  return {
    accounts: { create: createAccount, get: getAccount },
    users: { create: createUser, list: listUsers },
    apiKeys: { issue: issueApiKey, list: listApiKeys, revoke: revokeApiKey, authenticate },
  }
}
