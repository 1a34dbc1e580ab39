/** What operators change, end to end through the REST API: each send before and after gets the right status and price. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type OperatorHarness, startOperatorHarness } from './operator-harness.ts'

const SE = '+46701234561'
const US = '+12025550123'

for (const dialect of testDialects()) {
  describe(`operator rules on ${dialect}`, () => {
    let h: OperatorHarness
    beforeEach(async () => {
      h = await startOperatorHarness(dialect)
    })
    afterEach(async () => {
      expect(await h.auditRows()).toBe(h.auditedCalls())
      await h.close()
    })

    /** Sends one message from the admin key and returns it with its history. */
    async function sendOne(sender: string, recipient = SE) {
      const sent = await h.call('POST', '/api/v1/messages', {
        body: { sender, body: 'Hej', recipients: [recipient] },
      })
      expect(sent.status).toBe(202)
      const detail = await h.call('GET', `/api/v1/messages/${sent.body.messages[0].id}`)
      return { ...detail.body, last: detail.body.statuses.at(-1) }
    }

    it('lets only approved senders send once the account requires registered senders, saying why not', async () => {
      expect((await sendOne('Acme')).status.code).not.toBe(403)
      const strict = await h.op('PATCH', `/accounts/${h.accountId}`, { requireRegisteredSenders: true })
      expect(strict.body.requireRegisteredSenders).toBe(true)

      const unknown = await sendOne('Acme')
      expect(unknown.status).toEqual({ code: 403, name: expect.any(String) })
      expect(unknown.last.detail).toMatch(/"Acme" is not registered/)
      expect(unknown.price.amount).toBe(0)

      const asked = await h.call('PUT', '/api/v1/senders/Acme')
      expect(asked.body).toMatchObject({ sender: 'Acme', status: 'pending' })
      expect((await h.call('PUT', '/api/v1/senders/Acme', { key: h.keys.sender })).status).toBe(403)
      const pending = await sendOne('Acme')
      expect(pending.last.detail).toMatch(/"Acme" is waiting for the provider's approval/)

      const approved = await h.op('PUT', `/accounts/${h.accountId}/senders/Acme`, { status: 'approved' })
      expect(approved.body.status).toBe('approved')
      const ok = await sendOne('acme')
      expect(ok.status.code).not.toBe(403)
      expect(ok.price.amount).toBe(49)

      await h.op('PUT', `/accounts/${h.accountId}/senders/Bluff`, {
        status: 'rejected',
        note: 'looks like a bank',
      })
      const rejected = await sendOne('Bluff')
      expect(rejected.status.code).toBe(403)
      expect(rejected.last.detail).toMatch(/"Bluff" was rejected by the provider: looks like a bank/)

      const listed = await h.call('GET', '/api/v1/senders', { key: h.keys.viewer })
      expect(listed.body.items.map((s: { sender: string; status: string }) => [s.sender, s.status])).toEqual([
        ['Acme', 'approved'],
        ['Bluff', 'rejected'],
      ])
      expect((await h.call('GET', '/api/v1/account')).body.registeredSenders).toEqual(['Acme'])
      // Back to the provider-wide default (not required): any sender but a rejected one.
      await h.op('PATCH', `/accounts/${h.accountId}`, { requireRegisteredSenders: null })
      expect((await sendOne('Acme')).status.code).not.toBe(403)
      expect((await sendOne('Bluff')).status.code).toBe(403)
    })

    it('accepts +1 recipients only while a North-America campaign is booked', async () => {
      const before = await sendOne('Anna', US)
      expect(before.status.code).toBe(406)
      expect(before.last.detail).toMatch(/North-America campaign/)
      const booked = await h.op('PUT', `/accounts/${h.accountId}/campaigns/north-america`, {
        until: new Date(h.desk.clock.now().getTime() + 86_400_000).toISOString(),
      })
      expect(booked.body.naCampaign).toBe(true)
      const during = await sendOne('Anna', US)
      expect(during.status.code).not.toBe(406)
      expect(during.price.amount).toBe(89)
      h.desk.clock.advance(2 * 86_400_000)
      expect((await sendOne('Anna', US)).status.code).toBe(406)
      await h.op('PUT', `/accounts/${h.accountId}/campaigns/north-america`, {})
      expect((await sendOne('Anna', US)).status.code).not.toBe(406)
      const ended = await h.op('DELETE', `/accounts/${h.accountId}/campaigns/north-america`)
      expect(ended.body.naCampaign).toBe(false)
      expect((await sendOne('Anna', US)).status.code).toBe(406)
    })

    it('assigns a virtual number to one account at most, releases it, and keeps inbound SMS to nobody’s number', async () => {
      const number = '+46700000099'
      // As the gateway hands it over: to a number no account owns yet.
      const inbound = () =>
        h.desk.inbound.receive({ from: SE, to: number, body: 'Hej', at: h.desk.clock.now() })
      expect((await inbound()).action).toBe('ignored_unknown_number')
      const orphans = await h.op('GET', '/inbound?unassigned=true')
      expect(orphans.body.items).toEqual([
        expect.objectContaining({ to: number, account: null, body: 'Hej' }),
      ])

      const assigned = await h.op('PUT', `/accounts/${h.accountId}/virtual-numbers/${number}`)
      expect(assigned.body.virtualNumbers).toContain(number)
      expect((await h.op('PUT', `/accounts/${h.accountId}/virtual-numbers/${number}`)).status).toBe(200)
      expect((await h.op('PUT', `/accounts/${h.otherAccountId}/virtual-numbers/${number}`)).status).toBe(409)
      await inbound()
      const mine = await h.op('GET', `/inbound?to=${number}`)
      expect(mine.body.items[0].account).toMatchObject({ id: h.accountId, name: 'Frisör Anna' })

      const released = await h.op('DELETE', `/accounts/${h.accountId}/virtual-numbers/${number}`)
      expect(released.body.virtualNumbers).not.toContain(number)
      expect((await h.op('DELETE', `/accounts/${h.accountId}/virtual-numbers/${number}`)).status).toBe(404)
      expect((await h.op('PUT', `/accounts/${h.otherAccountId}/virtual-numbers/${number}`)).status).toBe(200)
    })

    it('refuses a suspended account’s sends with AccountSuspended, storing and charging nothing; reads still work', async () => {
      const before = await sendOne('Anna')
      const suspended = await h.op('PATCH', `/accounts/${h.accountId}`, { status: 'suspended' })
      expect(suspended.body.status).toBe('suspended')
      const balance = (await h.call('GET', '/api/v1/balance')).body.balance.amount
      const messages = await h.messageCount()
      const refused = await h.call('POST', '/api/v1/messages', {
        body: { sender: 'Anna', body: 'Hej', recipients: [SE] },
      })
      expect(refused.status).toBe(403)
      expect(refused.body.error.code).toBe('AccountSuspended')
      expect(await h.messageCount()).toBe(messages)
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(balance)
      expect((await h.call('GET', `/api/v1/messages/${before.id}`)).status).toBe(200)
      expect((await h.call('GET', '/api/v1/account')).body.status).toBe('suspended')
      // The other account is untouched, and reactivating lets this one send again.
      expect(
        (
          await h.call('POST', '/api/v1/messages', {
            key: h.keys.other,
            body: { sender: 'Anna', body: 'Hej', recipients: [SE] },
          })
        ).status,
      ).toBe(202)
      await h.op('PATCH', `/accounts/${h.accountId}`, { status: 'active' })
      expect((await sendOne('Anna')).status.code).not.toBe(403)
    })

    it('prices sends by the list in force when they are accepted, never repricing funded messages', async () => {
      const provider = await h.op('GET', `/accounts/${h.accountId}/price-list`, undefined, h.supportKey)
      expect(provider.body).toMatchObject({ currency: 'SEK', source: 'provider', default: 99 })
      expect(provider.body.countries.SE).toBe(49)
      const before = await sendOne('Anna')
      expect(before.price.amount).toBe(49)

      const patched = await h.op('PATCH', `/accounts/${h.accountId}`, {
        priceList: { countries: { SE: 30 }, default: 80 },
      })
      expect(patched.body.priceList).toEqual({ countries: { SE: 30 }, default: 80 })
      const inForce = await h.op('GET', `/accounts/${h.accountId}/price-list`)
      expect(inForce.body).toMatchObject({ source: 'account', default: 80 })
      expect(inForce.body.countries).toMatchObject({ SE: 30, NO: 59 })
      const after = await sendOne('Anna')
      expect(after.price.amount).toBe(30)
      expect((await sendOne('Anna', '+4791234567')).price.amount).toBe(59)
      expect((await h.call('GET', `/api/v1/messages/${before.id}`)).body.price.amount).toBe(49)
      // The other account keeps the provider's prices.
      const other = await h.call('POST', '/api/v1/messages', {
        key: h.keys.other,
        body: { sender: 'Anna', body: 'Hej', recipients: [SE] },
      })
      expect(other.body.messages[0].price.amount).toBe(49)

      expect(
        (await h.op('PATCH', `/accounts/${h.accountId}`, { priceList: { countries: { SWE: 1 } } })).status,
      ).toBe(422)
      await h.op('PATCH', `/accounts/${h.accountId}`, { priceList: null })
      expect((await sendOne('Anna')).price.amount).toBe(49)
    })
  })
}
