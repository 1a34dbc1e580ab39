/** Blocklist and opt-out links on every dialect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccountsModule } from '../accounts/accounts.ts'
import { createOptOutApi, type OptOutApi } from '../opt-out/api.ts'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { type BlocklistModule, createBlocklistModule } from './blocklist.ts'

describe.each(testDialects())('blocklist on %s', (dialect) => {
  let t: TestDatabase
  let clock: ManualClock
  let blocklist: BlocklistModule
  let optOut: OptOutApi
  let acc: string
  let other: string

  beforeAll(async () => {
    t = await openTestDatabase(dialect)
    clock = manualClock()
    const ctx = testContext(t, clock)
    blocklist = createBlocklistModule(ctx)
    optOut = createOptOutApi(ctx, { onOptOut: async () => {} })
    const accounts = createAccountsModule(ctx)
    acc = (await accounts.accounts.create({ name: 'Acme Café' })).id
    other = (await accounts.accounts.create({ name: 'Other' })).id
  })
  afterAll(async () => {
    await t?.close()
  })

  it('blocks a number in any form, lists and unblocks it', async () => {
    const entry = await blocklist.blocklist.add(acc, '070-123 45 67')
    expect(entry).toEqual({ number: '+46701234567', reason: 'manual', createdAt: clock.now() })
    expect(await blocklist.blocklist.list(acc)).toEqual([entry])
    expect(await blocklist.blocklist.get(acc, '0701234567')).toEqual(entry)
    expect(await blocklist.blocklist.get(other, '+46701234567')).toBeNull()
    expect(await blocklist.blocklist.list(other)).toEqual([])
    expect(await blocklist.blocklist.remove(other, '+46701234567')).toBe(false)
    expect(await blocklist.blocklist.remove(acc, '+46701234567')).toBe(true)
    expect(await blocklist.blocklist.remove(acc, '+46701234567')).toBe(false)
    await expect(blocklist.blocklist.add(acc, 'nonsense')).rejects.toMatchObject({ code: 'InvalidRequest' })
    await expect(blocklist.blocklist.add('acc_nope', '+46701234567')).rejects.toMatchObject({
      code: 'NotFound',
    })
  })

  it('lets a manual block outrank a recipient block, never the other way', async () => {
    await blocklist.blocklist.add(acc, '+46702000001', 'stop')
    expect((await blocklist.blocklist.add(acc, '+46702000001', 'manual')).reason).toBe('manual')
    expect((await blocklist.blocklist.add(acc, '+46702000001', 'opt_out_link')).reason).toBe('manual')
  })

  it('tells which of many numbers are blocked', async () => {
    await blocklist.blocklist.add(acc, '+46703000001')
    await blocklist.blocklist.add(acc, '+46703000003', 'stop')
    await blocklist.blocklist.add(other, '+46703000002')
    const numbers = ['+46703000001', '+46703000002', '+46703000003', '+46703000001']
    expect(await blocklist.blockedAmong(acc, numbers)).toEqual(new Set(['+46703000001', '+46703000003']))
    expect(await blocklist.blockedAmong(other, numbers)).toEqual(new Set(['+46703000002']))
    expect(await blocklist.blockedAmong(acc, [])).toEqual(new Set())
  })

  it('answers blockedAmong for 100,000 numbers in one go', async () => {
    const numbers = Array.from({ length: 100_000 }, (_, i) => `+4673${String(i).padStart(7, '0')}`)
    await t.db
      .insertInto('blocklist')
      .values(
        numbers
          .filter((_, i) => i % 1000 === 7)
          .map((number) => ({
            account_id: acc,
            number,
            reason: 'manual' as const,
            created_at: clock.now().toISOString(),
          })),
      )
      .execute()
    const blocked = await blocklist.blockedAmong(acc, numbers)
    expect(blocked.size).toBe(100)
    expect(blocked.has('+46730000007')).toBe(true)
    expect(blocked.has('+46730000008')).toBe(false)
  })

  describe('opt-out links', () => {
    it('issues one unguessable token per account and number, and reuses it', async () => {
      const token = await optOut.token(acc, '0708000001')
      expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/)
      expect(await optOut.token(acc, '+46708000001')).toBe(token)
      const elsewhere = await optOut.token(other, '+46708000001')
      expect(elsewhere).not.toBe(token)
      const many = await Promise.all(Array.from({ length: 10 }, () => optOut.token(acc, '+46708000009')))
      expect(new Set(many).size).toBe(1)
    })

    it('describes a token with the account name and a masked number', async () => {
      const token = await optOut.token(acc, '+46701234567')
      expect(await optOut.describe(token)).toEqual({
        accountName: 'Acme Café',
        maskedNumber: '+46 70*** **67',
        used: false,
      })
      expect(await optOut.describe('AAAAAAAAAAAAAAAAAAAAAAAA')).toBeNull()
      expect(await optOut.describe('../etc')).toBeNull()
    })

    it('blocklists the number when used, once, and stays idempotent', async () => {
      const token = await optOut.token(acc, '+46708000002')
      expect(await optOut.use(token)).toEqual({ alreadyUsed: false })
      const entry = (await blocklist.blocklist.list(acc)).find((e) => e.number === '+46708000002')
      expect(entry?.reason).toBe('opt_out_link')
      expect(await optOut.use(token)).toEqual({ alreadyUsed: true })
      expect((await optOut.describe(token))?.used).toBe(true)
      expect((await blocklist.blocklist.list(acc)).filter((e) => e.number === '+46708000002')).toHaveLength(1)
      expect(await blocklist.blockedAmong(other, ['+46708000002'])).toEqual(new Set())
      expect(await optOut.use('AAAAAAAAAAAAAAAAAAAAAAAA')).toBeNull()
    })

    it('blocks again when a used link is opened after the block was lifted', async () => {
      const token = await optOut.token(acc, '+46708000003')
      await optOut.use(token)
      await blocklist.blocklist.remove(acc, '+46708000003')
      expect(await optOut.use(token)).toEqual({ alreadyUsed: true })
      expect(await blocklist.blockedAmong(acc, ['+46708000003'])).toEqual(new Set(['+46708000003']))
    })

    it('marks a token used exactly once when opened many times at once', async () => {
      const token = await optOut.token(acc, '+46708000004')
      const results = await Promise.all(Array.from({ length: 10 }, () => optOut.use(token)))
      expect(results.filter((r) => r?.alreadyUsed === false)).toHaveLength(1)
    })
  })
})
