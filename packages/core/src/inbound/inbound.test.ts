/** Inbound SMS and keywords on every dialect: STOP/STOPP/AVSLUTA, START, Spara, unknown numbers, duplicates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccountsModule } from '../accounts/accounts.ts'
import { type BlocklistModule, createBlocklistModule } from '../contacts/blocklist.ts'
import { type ContactsModule, createContactsModule } from '../contacts/contacts.ts'
import type { CoreContext } from '../context.ts'
import type { InboundEvent } from '../desk.ts'
import { createOptOutApi, type OptOutApi } from '../opt-out/api.ts'
import type { InboundSms } from '../ports.ts'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { createInboundModule, type InboundApi } from './inbound.ts'

const VIRTUAL = '+46766860000'

describe.each(testDialects())('inbound on %s', (dialect) => {
  let t: TestDatabase
  let clock: ManualClock
  let ctx: CoreContext
  let inbound: InboundApi
  let blocklist: BlocklistModule
  let optOut: OptOutApi
  let contacts: ContactsModule
  let acc: string
  const heard: InboundEvent[] = []
  let seq = 0

  const sms = (from: string, body: string, extra: Partial<InboundSms> = {}): InboundSms => ({
    from,
    to: VIRTUAL,
    body,
    at: clock.now(),
    gatewayId: `gw-${++seq}`,
    ...extra,
  })
  const isBlocked = async (n: string) => (await blocklist.blockedAmong(acc, [n])).has(n)

  beforeAll(async () => {
    t = await openTestDatabase(dialect)
    clock = manualClock()
    ctx = testContext(t, clock)
    ctx.events.onInbound((e) => heard.push(e))
    inbound = createInboundModule(ctx)
    blocklist = createBlocklistModule(ctx)
    optOut = createOptOutApi(ctx, { onOptOut: async () => {} })
    contacts = createContactsModule(ctx)
    acc = (await createAccountsModule(ctx).accounts.create({ name: 'Acme', virtualNumbers: [VIRTUAL] })).id
  })
  afterAll(async () => {
    await t?.close()
  })

  it('stores an ordinary message for the account that owns the number and tells listeners', async () => {
    const result = await inbound.receive(
      sms('46701000001', 'Hej! Vilka tider har ni?', { to: '46766860000' }),
    )
    expect(result).toMatchObject({ accountId: acc, keyword: null, action: 'stored' })
    const row = await t.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      account_id: acc,
      from_number: '+46701000001',
      to_number: VIRTUAL,
      body: 'Hej! Vilka tider har ni?',
    })
    expect(heard.at(-1)).toEqual({
      id: result.id,
      accountId: acc,
      from: '+46701000001',
      to: VIRTUAL,
      body: 'Hej! Vilka tider har ni?',
      keyword: null,
      at: clock.now(),
    })
  })

  it.each(['STOP', 'stopp', 'Avsluta.', ' Stop! '])('blocklists the sender on %j', async (body) => {
    const from = `+4670200${String(++seq).padStart(4, '0')}`
    const result = await inbound.receive(sms(from, body))
    expect(result).toMatchObject({ keyword: 'STOP', action: 'blocked' })
    expect((await blocklist.blocklist.list(acc)).find((e) => e.number === from)?.reason).toBe('stop')
    expect(heard.at(-1)?.keyword).toBe('STOP')
  })

  it('does nothing for a STOP inside a sentence', async () => {
    const result = await inbound.receive(sms('+46702999999', 'Please stop calling me'))
    expect(result).toMatchObject({ keyword: null, action: 'stored' })
    expect(await isBlocked('+46702999999')).toBe(false)
  })

  it('lets START lift a STOP block and an opt-out-link block', async () => {
    await inbound.receive(sms('+46703000001', 'STOP'))
    expect(await isBlocked('+46703000001')).toBe(true)
    expect(await inbound.receive(sms('+46703000001', 'start'))).toMatchObject({
      keyword: 'START',
      action: 'unblocked',
    })
    expect(await isBlocked('+46703000001')).toBe(false)

    await optOut.use(await optOut.token(acc, '+46703000002'))
    expect(await isBlocked('+46703000002')).toBe(true)
    expect(await inbound.receive(sms('+46703000002', 'Start.'))).toMatchObject({ action: 'unblocked' })
    expect(await isBlocked('+46703000002')).toBe(false)
  })

  it("never lets START lift the account's own manual block", async () => {
    await blocklist.blocklist.add(acc, '+46703000003', 'manual')
    await inbound.receive(sms('+46703000003', 'STOP'))
    const result = await inbound.receive(sms('+46703000003', 'START'))
    expect(result).toMatchObject({ keyword: 'START', action: 'stored' })
    expect((await blocklist.blocklist.list(acc)).find((e) => e.number === '+46703000003')?.reason).toBe(
      'manual',
    )
  })

  it("lists the account's inbound SMS from a number, newest first, in any form of the number", async () => {
    await inbound.receive(sms('+46703000009', 'first', { at: new Date('2026-11-25T10:00:00Z') }))
    await inbound.receive(sms('+46703000009', 'second', { at: new Date('2026-11-25T11:00:00Z') }))
    const listed = await inbound.list(acc, { from: '070-300 00 09' })
    expect(listed.map((i) => i.body)).toEqual(['second', 'first'])
    expect(listed[0]).toMatchObject({ from: '+46703000009', to: VIRTUAL, keyword: null })
    expect(await inbound.list(acc, { from: '+46703000009', limit: 1 })).toHaveLength(1)
    expect(await inbound.list('acc_other', { from: '+46703000009' })).toEqual([])
  })

  it('saves the sender as a contact with Spara, creating the group', async () => {
    const result = await inbound.receive(sms('+46704000001', 'Spara Niklas Niklasson kunder'))
    expect(result).toMatchObject({ keyword: 'SPARA', action: 'contact_saved' })
    const contact = await contacts.contacts.get(acc, result.contactId as string)
    expect(contact).toMatchObject({
      number: '+46704000001',
      firstName: 'Niklas',
      lastName: 'Niklasson',
      groups: ['kunder'],
    })
    expect((await contacts.groups.list(acc)).map((g) => g.name)).toContain('kunder')
  })

  it('updates an existing contact with Spara, keeping its other groups and its last name when none is given', async () => {
    const existing = await contacts.contacts.create(acc, {
      number: '+46704000002',
      firstName: 'A',
      lastName: 'Berg',
      groups: ['VIP'],
    })
    const first = await inbound.receive(sms('+46704000002', 'SPARA Anna'))
    expect(first.contactId).toBe(existing.id)
    expect(await contacts.contacts.get(acc, existing.id)).toMatchObject({
      firstName: 'Anna',
      lastName: 'Berg',
      groups: ['VIP'],
    })
    await inbound.receive(sms('+46704000002', 'spara Anna Maria Lind KUNDER'))
    expect(await contacts.contacts.get(acc, existing.id)).toMatchObject({
      firstName: 'Anna',
      lastName: 'Maria Lind',
      groups: ['kunder', 'VIP'],
    })
    const page = await contacts.contacts.list(acc, { search: '+46704000002' })
    expect(page.items).toHaveLength(1)
  })

  it('stores a message to an unknown number without an account and acts on nothing', async () => {
    const before = heard.length
    const result = await inbound.receive(sms('+46705000001', 'STOP', { to: '+46766869999' }))
    expect(result).toMatchObject({ accountId: null, keyword: null, action: 'ignored_unknown_number' })
    expect(await isBlocked('+46705000001')).toBe(false)
    const row = await t.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ account_id: null, to_number: '+46766869999', body: 'STOP' })
    expect(heard.length).toBe(before)
  })

  it('does a repeated gateway id nothing twice', async () => {
    const first = await inbound.receive(sms('+46706000001', 'Spara Dag Dubbel', { gatewayId: 'dup-1' }))
    const before = heard.length
    const again = await inbound.receive(sms('+46706000001', 'Spara Dag Dubbel', { gatewayId: 'dup-1' }))
    expect(again).toEqual({ id: first.id, accountId: acc, keyword: 'SPARA', action: 'duplicate' })
    expect(heard.length).toBe(before)
    const rows = await t.db
      .selectFrom('inbound_messages')
      .select('id')
      .where('gateway_id', '=', 'dup-1')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('does a gateway id delivered many times at once only once', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        inbound.receive(sms('+46706000002', 'STOP', { gatewayId: 'dup-race' })),
      ),
    )
    expect(results.filter((r) => r.action === 'blocked')).toHaveLength(1)
    expect(results.filter((r) => r.action === 'duplicate')).toHaveLength(5)
  })

  it('keeps an alphanumeric sender as given and never treats its text as a keyword', async () => {
    const result = await inbound.receive(sms('Bank', 'STOP'))
    expect(result).toMatchObject({ keyword: null, action: 'stored' })
    const row = await t.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow()
    expect(row.from_number).toBe('Bank')
  })

  it('refuses a message without sender, recipient or time', async () => {
    await expect(inbound.receive({ ...sms('', 'x') })).rejects.toMatchObject({
      code: 'InvalidRequest',
    })
    await expect(inbound.receive({ ...sms('+46701', 'x'), to: ' ' })).rejects.toMatchObject({
      code: 'InvalidRequest',
    })
    await expect(inbound.receive({ ...sms('+46701', 'x'), at: new Date('nope') })).rejects.toMatchObject({
      code: 'InvalidRequest',
    })
  })
})
