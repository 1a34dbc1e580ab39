/** Contacts and groups on every dialect. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccountsModule } from '../accounts/accounts.ts'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { type ContactsModule, createContactsModule } from './contacts.ts'

describe.each(testDialects())('contacts on %s', (dialect) => {
  let t: TestDatabase
  let clock: ManualClock
  let contacts: ContactsModule
  let acc: string
  let other: string

  beforeAll(async () => {
    t = await openTestDatabase(dialect)
    clock = manualClock()
    const ctx = testContext(t, clock)
    contacts = createContactsModule(ctx)
    const accounts = createAccountsModule(ctx)
    acc = (await accounts.accounts.create({ name: 'Acme' })).id
    other = (await accounts.accounts.create({ name: 'Other' })).id
  })
  afterAll(async () => {
    await t?.close()
  })

  it('creates a contact with its number in E.164 and its groups created on first use', async () => {
    const c = await contacts.contacts.create(acc, {
      number: '070-123 45 67',
      firstName: ' Anna ',
      lastName: 'Svensson',
      email: 'anna@example.se',
      groups: ['Kunder', 'kunder', ' VIP '],
    })
    expect(c).toMatchObject({
      number: '+46701234567',
      firstName: 'Anna',
      lastName: 'Svensson',
      email: 'anna@example.se',
      groups: ['Kunder', 'VIP'],
    })
    expect(await contacts.contacts.get(acc, c.id)).toEqual(c)
    const groups = await contacts.groups.list(acc)
    expect(groups.map((g) => [g.name, g.members])).toEqual([
      ['Kunder', 1],
      ['VIP', 1],
    ])
  })

  it('refuses a second contact with the same number in the account (Conflict), but not in another account', async () => {
    await expect(contacts.contacts.create(acc, { number: '+46701234567' })).rejects.toMatchObject({
      code: 'Conflict',
    })
    await expect(contacts.contacts.create(acc, { number: '0046 70 123 45 67' })).rejects.toMatchObject({
      code: 'Conflict',
    })
    const elsewhere = await contacts.contacts.create(other, { number: '0701234567' })
    expect(elsewhere.number).toBe('+46701234567')
  })

  it('lets only one of many racing creations of a number win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        contacts.contacts.create(acc, { number: '+46701112233', firstName: `R${i}` }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'Conflict' })
  })

  it('refuses invalid numbers and emails with InvalidRequest', async () => {
    await expect(contacts.contacts.create(acc, { number: 'abc' })).rejects.toMatchObject({
      code: 'InvalidRequest',
    })
    for (const email of ['anna', 'anna@', '@example.se', 'anna@example', 'an na@example.se', 'a@b@c.se']) {
      await expect(contacts.contacts.create(acc, { number: '+46709876543', email })).rejects.toMatchObject({
        code: 'InvalidRequest',
      })
    }
    const page = await contacts.contacts.list(acc, { search: '9876543' })
    expect(page.items).toEqual([])
  })

  it('updates fields, clears with null, replaces groups, and guards the number', async () => {
    const c = await contacts.contacts.create(acc, {
      number: '+46702000001',
      firstName: 'Bo',
      groups: ['Kunder'],
    })
    clock.advance(1000)
    const updated = await contacts.contacts.update(acc, c.id, {
      lastName: 'Ek',
      email: null,
      groups: ['Leverantörer'],
    })
    expect(updated).toMatchObject({ firstName: 'Bo', lastName: 'Ek', email: null, groups: ['Leverantörer'] })
    expect(updated.updatedAt.getTime()).toBe(c.createdAt.getTime() + 1000)
    const cleared = await contacts.contacts.update(acc, c.id, { firstName: null, groups: [] })
    expect(cleared).toMatchObject({ firstName: null, lastName: 'Ek', groups: [] })
    await expect(contacts.contacts.update(acc, c.id, { number: '0701234567' })).rejects.toMatchObject({
      code: 'Conflict',
    })
    expect((await contacts.contacts.update(acc, c.id, { number: '0702000002' })).number).toBe('+46702000002')
  })

  it("treats another account's contact as not found", async () => {
    const mine = await contacts.contacts.create(acc, { number: '+46703000001' })
    await expect(contacts.contacts.get(other, mine.id)).rejects.toMatchObject({ code: 'NotFound' })
    await expect(contacts.contacts.update(other, mine.id, { firstName: 'X' })).rejects.toMatchObject({
      code: 'NotFound',
    })
    await expect(contacts.contacts.delete(other, mine.id)).rejects.toMatchObject({ code: 'NotFound' })
    expect((await contacts.contacts.get(acc, mine.id)).firstName).toBeNull()
    await expect(contacts.contacts.list('acc_nope')).rejects.toMatchObject({ code: 'NotFound' })
  })

  it('deletes a contact and its memberships', async () => {
    const c = await contacts.contacts.create(acc, { number: '+46704000001', groups: ['Tillfälliga'] })
    await contacts.contacts.delete(acc, c.id)
    await expect(contacts.contacts.get(acc, c.id)).rejects.toMatchObject({ code: 'NotFound' })
    expect((await contacts.groups.list(acc)).find((g) => g.name === 'Tillfälliga')?.members).toBe(0)
    await expect(contacts.contacts.delete(acc, c.id)).rejects.toMatchObject({ code: 'NotFound' })
  })

  it('searches names, email and number ignoring case, also beyond ASCII', async () => {
    await contacts.contacts.create(acc, {
      number: '+46705000001',
      firstName: 'Åsa',
      lastName: 'Öberg',
      email: 'ASA@Firma.se',
    })
    await contacts.contacts.create(acc, { number: '+46705000002', firstName: 'Erik', lastName: 'Åberg' })
    const names = async (search: string) =>
      (await contacts.contacts.list(acc, { search })).items.map((c) => c.firstName).sort()
    expect(await names('åsa')).toEqual(['Åsa'])
    expect(await names('ÖBERG')).toEqual(['Åsa'])
    expect(await names('berg')).toEqual(['Erik', 'Åsa'])
    expect(await names('firma.SE')).toEqual(['Åsa'])
    expect(await names('åsa öberg')).toEqual(['Åsa'])
    expect(await names('070-500 00 02')).toEqual(['Erik'])
    expect(await names('+4670500000')).toEqual(['Erik', 'Åsa'])
    expect(await names('100%')).toEqual([])
    expect(await names('_')).toEqual([])
  })

  it('pages stably by id with a cursor, filtered by group', async () => {
    const created: string[] = []
    for (let i = 0; i < 7; i++) {
      clock.advance(1)
      created.push((await contacts.contacts.create(acc, { number: `+4670600000${i}`, groups: ['Sida'] })).id)
    }
    const seen: string[] = []
    let cursor: string | undefined
    for (;;) {
      const page = await contacts.contacts.list(acc, {
        group: 'SIDA',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      })
      seen.push(...page.items.map((c) => c.id))
      expect(page.items.length).toBeLessThanOrEqual(3)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(seen).toEqual([...created].sort())
    await expect(contacts.contacts.list(acc, { group: 'Finns inte' })).rejects.toMatchObject({
      code: 'NotFound',
    })
    await expect(contacts.contacts.list(acc, { limit: 0 })).rejects.toMatchObject({ code: 'InvalidRequest' })
  })

  it('gives the distinct numbers of several groups and names the missing ones', async () => {
    await contacts.contacts.create(acc, { number: '+46707000001', groups: ['A-lag', 'B-lag'] })
    await contacts.contacts.create(acc, { number: '+46707000002', groups: ['b-lag'] })
    const result = await contacts.membersOfGroups(acc, ['a-LAG', 'B-lag', 'Ingen'])
    expect(result).toEqual({ numbers: ['+46707000001', '+46707000002'], missing: ['Ingen'] })
    expect(await contacts.membersOfGroups(other, ['A-lag'])).toEqual({ numbers: [], missing: ['A-lag'] })
  })
})
