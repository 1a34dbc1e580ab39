/** Accounts, users and API keys on every dialect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoreContext } from '../context.ts'
import { DeskError } from '../errors.ts'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { type AccountsModule, createAccountsModule } from './accounts.ts'
import { hashApiKey } from './api-keys.ts'

describe.each(testDialects())('accounts on %s', (dialect) => {
  let t: TestDatabase
  let ctx: CoreContext
  let clock: ManualClock
  let accounts: AccountsModule

  beforeAll(async () => {
    t = await openTestDatabase(dialect)
    clock = manualClock()
    ctx = testContext(t, clock)
    accounts = createAccountsModule(ctx)
  })
  afterAll(async () => {
    await t?.close()
  })

  it('creates an account with its opening balance booked as a top-up', async () => {
    const account = await accounts.createAccount({
      name: ' Acme AB ',
      balance: 10_000,
      naCampaign: true,
      bannedWords: ['casino', 'casino', ' bet '],
      registeredSenders: ['Acme', 'Acme'],
      virtualNumbers: ['0766 86 00 01'],
    })
    expect(account).toMatchObject({
      name: 'Acme AB',
      currency: 'SEK',
      balance: { amount: 10_000, currency: 'SEK' },
      naCampaign: true,
      bannedWords: ['casino', 'bet'],
      registeredSenders: ['Acme'],
      virtualNumbers: ['+46766860001'],
    })
    expect(account.createdAt).toEqual(clock.now())
    const ledger = await t.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute()
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ kind: 'top_up' })
    expect(Number(ledger[0]?.amount)).toBe(10_000)
    expect(Number(ledger[0]?.balance_after)).toBe(10_000)
    expect(await accounts.getAccount(account.id)).toEqual(account)
  })

  it('books no ledger row for an empty opening balance', async () => {
    const account = await accounts.createAccount({ name: 'Empty', currency: 'eur' })
    expect(account.balance).toEqual({ amount: 0, currency: 'EUR' })
    const ledger = await t.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('account_id', '=', account.id)
      .execute()
    expect(ledger).toEqual([])
  })

  it('refuses bad input with InvalidRequest', async () => {
    for (const bad of [
      { name: '  ' },
      { name: 'X', currency: 'kronor' },
      { name: 'X', balance: -1 },
      { name: 'X', balance: 1.5 },
      { name: 'X', virtualNumbers: ['not a number'] },
    ]) {
      await expect(accounts.createAccount(bad)).rejects.toMatchObject({ code: 'InvalidRequest' })
    }
    await expect(
      accounts.createAccount({ name: 'X', registeredSenders: ['Way too long sender'] }),
    ).rejects.toMatchObject({
      code: 'InvalidSender',
    })
  })

  it('gives one virtual number to one account only', async () => {
    await accounts.createAccount({ name: 'First', virtualNumbers: ['+46766860002'] })
    await expect(
      accounts.createAccount({ name: 'Second', virtualNumbers: ['+46766860002'] }),
    ).rejects.toMatchObject({
      code: 'Conflict',
    })
    const names = await t.db.selectFrom('accounts').select('name').where('name', '=', 'Second').execute()
    expect(names).toEqual([])
  })

  it('answers NotFound for an unknown account', async () => {
    await expect(accounts.getAccount('acc_nope')).rejects.toBeInstanceOf(DeskError)
    await expect(accounts.getAccount('acc_nope')).rejects.toMatchObject({ code: 'NotFound' })
    await expect(accounts.listUsers('acc_nope')).rejects.toMatchObject({ code: 'NotFound' })
    await expect(accounts.createUser('acc_nope', { name: 'A', role: 'admin' })).rejects.toMatchObject({
      code: 'NotFound',
    })
  })

  it('creates and lists users with roles', async () => {
    const account = await accounts.createAccount({ name: 'Users' })
    const admin = await accounts.createUser(account.id, { name: 'Ada', role: 'admin' })
    clock.advance(1)
    const viewer = await accounts.createUser(account.id, { name: 'Vic', role: 'viewer' })
    expect(await accounts.listUsers(account.id)).toEqual([admin, viewer])
    await expect(
      accounts.createUser(account.id, { name: 'Bad', role: 'owner' as unknown as 'admin' }),
    ).rejects.toMatchObject({ code: 'InvalidRequest' })
  })

  describe('API keys', () => {
    let accountId: string
    let userId: string

    beforeAll(async () => {
      accountId = (await accounts.createAccount({ name: 'Keys' })).id
      userId = (await accounts.createUser(accountId, { name: 'Kim', role: 'sender' })).id
    })

    it('returns the raw key once and stores only its hash and a short prefix', async () => {
      const { key, info } = await accounts.issueApiKey(accountId, userId)
      expect(key).toMatch(/^smsd_[0-9A-Za-z]{32}$/)
      expect(key.startsWith(info.prefix)).toBe(true)
      expect(info.prefix.length).toBeLessThan(16)
      const row = await t.db
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', info.id)
        .executeTakeFirstOrThrow()
      expect(row.hash).toBe(hashApiKey(key))
      expect(Object.values(row)).not.toContain(key)
      expect(await accounts.listApiKeys(accountId)).toEqual([info])
    })

    it('authenticates a key to its principal and touches last_used_at at most once a minute', async () => {
      const { key, info } = await accounts.issueApiKey(accountId, userId)
      expect(await accounts.authenticate(key)).toEqual({ accountId, userId, role: 'sender', keyId: info.id })
      const lastUsed = async () =>
        (await accounts.listApiKeys(accountId)).find((k) => k.id === info.id)?.lastUsedAt
      const first = clock.now()
      expect(await lastUsed()).toEqual(first)
      clock.advance(30_000)
      await accounts.authenticate(key)
      expect(await lastUsed()).toEqual(first)
      clock.advance(30_000)
      await accounts.authenticate(key)
      expect(await lastUsed()).toEqual(clock.now())
    })

    it('rejects unknown, malformed and revoked keys', async () => {
      const { key, info } = await accounts.issueApiKey(accountId, userId)
      expect(await accounts.authenticate(`${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`)).toBeNull()
      expect(await accounts.authenticate('')).toBeNull()
      expect(await accounts.authenticate('Bearer nonsense')).toBeNull()
      await accounts.revokeApiKey(accountId, info.id)
      expect(await accounts.authenticate(key)).toBeNull()
      const revokedAt = (await accounts.listApiKeys(accountId)).find((k) => k.id === info.id)?.revokedAt
      expect(revokedAt).toEqual(clock.now())
      clock.advance(5_000)
      await accounts.revokeApiKey(accountId, info.id)
      expect((await accounts.listApiKeys(accountId)).find((k) => k.id === info.id)?.revokedAt).toEqual(
        revokedAt,
      )
    })

    it('issues a chosen key like a random one, refusing a malformed or taken one', async () => {
      const chosen = `smsd_${'Kx7'.repeat(10)}Q9`
      const { key, info } = await accounts.issueApiKey(accountId, userId, { key: chosen })
      expect(key).toBe(chosen)
      expect(info.prefix).toBe(chosen.slice(0, info.prefix.length))
      const row = await t.db
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', info.id)
        .executeTakeFirstOrThrow()
      expect(row.hash).toBe(hashApiKey(chosen))
      expect(Object.values(row)).not.toContain(chosen)
      expect(await accounts.authenticate(chosen)).toEqual({
        accountId,
        userId,
        role: 'sender',
        keyId: info.id,
      })
      const before = (await accounts.listApiKeys(accountId)).length
      for (const bad of [
        'smsd_short',
        `sk_${'a'.repeat(32)}`,
        `smsd_${'a'.repeat(31)}-`,
        `smsd_${'a'.repeat(33)}`,
      ]) {
        const refusal = await accounts.issueApiKey(accountId, userId, { key: bad }).catch((e: unknown) => e)
        expect(refusal).toMatchObject({ code: 'InvalidRequest' })
        expect(String((refusal as Error).message)).not.toContain(bad)
      }
      await expect(accounts.issueApiKey(accountId, userId, { key: chosen })).rejects.toMatchObject({
        code: 'Conflict',
      })
      expect(await accounts.listApiKeys(accountId)).toHaveLength(before)
    })

    it("keeps other accounts' users and keys out of reach", async () => {
      const other = await accounts.createAccount({ name: 'Other' })
      const { info } = await accounts.issueApiKey(accountId, userId)
      await expect(accounts.issueApiKey(other.id, userId)).rejects.toMatchObject({ code: 'NotFound' })
      await expect(accounts.revokeApiKey(other.id, info.id)).rejects.toMatchObject({ code: 'NotFound' })
      expect(await accounts.listApiKeys(other.id)).toEqual([])
      expect(await accounts.listUsers(other.id)).toEqual([])
    })
  })
})
