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
    const account = await accounts.accounts.create({
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
    expect(await accounts.accounts.get(account.id)).toEqual(account)
  })

  it('books no ledger row for an empty opening balance', async () => {
    const account = await accounts.accounts.create({ name: 'Empty', currency: 'eur' })
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
      await expect(accounts.accounts.create(bad)).rejects.toMatchObject({ code: 'InvalidRequest' })
    }
    await expect(
      accounts.accounts.create({ name: 'X', registeredSenders: ['Way too long sender'] }),
    ).rejects.toMatchObject({
      code: 'InvalidSender',
    })
  })

  it('gives one virtual number to one account only', async () => {
    await accounts.accounts.create({ name: 'First', virtualNumbers: ['+46766860002'] })
    await expect(
      accounts.accounts.create({ name: 'Second', virtualNumbers: ['+46766860002'] }),
    ).rejects.toMatchObject({
      code: 'Conflict',
    })
    const names = await t.db.selectFrom('accounts').select('name').where('name', '=', 'Second').execute()
    expect(names).toEqual([])
  })

  it('answers NotFound for an unknown account', async () => {
    await expect(accounts.accounts.get('acc_nope')).rejects.toBeInstanceOf(DeskError)
    await expect(accounts.accounts.get('acc_nope')).rejects.toMatchObject({ code: 'NotFound' })
    await expect(accounts.users.list('acc_nope')).rejects.toMatchObject({ code: 'NotFound' })
    await expect(accounts.users.create('acc_nope', { name: 'A', role: 'admin' })).rejects.toMatchObject({
      code: 'NotFound',
    })
  })

  it('creates and lists users with roles', async () => {
    const account = await accounts.accounts.create({ name: 'Users' })
    const admin = await accounts.users.create(account.id, { name: 'Ada', role: 'admin' })
    clock.advance(1)
    const viewer = await accounts.users.create(account.id, { name: 'Vic', role: 'viewer' })
    expect(await accounts.users.list(account.id)).toEqual([admin, viewer])
    await expect(
      accounts.users.create(account.id, { name: 'Bad', role: 'owner' as unknown as 'admin' }),
    ).rejects.toMatchObject({ code: 'InvalidRequest' })
  })

  describe('API keys', () => {
    let accountId: string
    let userId: string

    beforeAll(async () => {
      accountId = (await accounts.accounts.create({ name: 'Keys' })).id
      userId = (await accounts.users.create(accountId, { name: 'Kim', role: 'sender' })).id
    })

    it('returns the raw key once and stores only its hash and a short prefix', async () => {
      const { key, info } = await accounts.apiKeys.issue(accountId, userId)
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
      expect(await accounts.apiKeys.list(accountId)).toEqual([info])
    })

    it('authenticates a key to its principal and touches last_used_at at most once a minute', async () => {
      const { key, info } = await accounts.apiKeys.issue(accountId, userId)
      expect(await accounts.apiKeys.authenticate(key)).toEqual({
        accountId,
        userId,
        role: 'sender',
        keyId: info.id,
      })
      const lastUsed = async () =>
        (await accounts.apiKeys.list(accountId)).find((k) => k.id === info.id)?.lastUsedAt
      const first = clock.now()
      expect(await lastUsed()).toEqual(first)
      clock.advance(30_000)
      await accounts.apiKeys.authenticate(key)
      expect(await lastUsed()).toEqual(first)
      clock.advance(30_000)
      await accounts.apiKeys.authenticate(key)
      expect(await lastUsed()).toEqual(clock.now())
    })

    it('rejects unknown, malformed and revoked keys', async () => {
      const { key, info } = await accounts.apiKeys.issue(accountId, userId)
      expect(
        await accounts.apiKeys.authenticate(`${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`),
      ).toBeNull()
      expect(await accounts.apiKeys.authenticate('')).toBeNull()
      expect(await accounts.apiKeys.authenticate('Bearer nonsense')).toBeNull()
      await accounts.apiKeys.revoke(accountId, info.id)
      expect(await accounts.apiKeys.authenticate(key)).toBeNull()
      const revokedAt = (await accounts.apiKeys.list(accountId)).find((k) => k.id === info.id)?.revokedAt
      expect(revokedAt).toEqual(clock.now())
      clock.advance(5_000)
      await accounts.apiKeys.revoke(accountId, info.id)
      expect((await accounts.apiKeys.list(accountId)).find((k) => k.id === info.id)?.revokedAt).toEqual(
        revokedAt,
      )
    })

    it('issues a chosen key like a random one, refusing a malformed or taken one', async () => {
      const chosen = `smsd_${'Kx7'.repeat(10)}Q9`
      const { key, info } = await accounts.apiKeys.issue(accountId, userId, { key: chosen })
      expect(key).toBe(chosen)
      expect(info.prefix).toBe(chosen.slice(0, info.prefix.length))
      const row = await t.db
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', info.id)
        .executeTakeFirstOrThrow()
      expect(row.hash).toBe(hashApiKey(chosen))
      expect(Object.values(row)).not.toContain(chosen)
      expect(await accounts.apiKeys.authenticate(chosen)).toEqual({
        accountId,
        userId,
        role: 'sender',
        keyId: info.id,
      })
      const before = (await accounts.apiKeys.list(accountId)).length
      for (const bad of [
        'smsd_short',
        `sk_${'a'.repeat(32)}`,
        `smsd_${'a'.repeat(31)}-`,
        `smsd_${'a'.repeat(33)}`,
      ]) {
        const refusal = await accounts.apiKeys.issue(accountId, userId, { key: bad }).catch((e: unknown) => e)
        expect(refusal).toMatchObject({ code: 'InvalidRequest' })
        expect(String((refusal as Error).message)).not.toContain(bad)
      }
      await expect(accounts.apiKeys.issue(accountId, userId, { key: chosen })).rejects.toMatchObject({
        code: 'Conflict',
      })
      expect(await accounts.apiKeys.list(accountId)).toHaveLength(before)
    })

    it("keeps other accounts' users and keys out of reach", async () => {
      const other = await accounts.accounts.create({ name: 'Other' })
      const { info } = await accounts.apiKeys.issue(accountId, userId)
      await expect(accounts.apiKeys.issue(other.id, userId)).rejects.toMatchObject({ code: 'NotFound' })
      await expect(accounts.apiKeys.revoke(other.id, info.id)).rejects.toMatchObject({ code: 'NotFound' })
      expect(await accounts.apiKeys.list(other.id)).toEqual([])
      expect(await accounts.users.list(other.id)).toEqual([])
    })
  })
})
