/** The provider's side of the API: two kinds of principal, accounts made by operators, isolation, credits, audit. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type OperatorHarness, startOperatorHarness } from './operator-harness.ts'

const SEND = { sender: 'Anna', body: 'Hej', recipients: ['+46701234561'] }

for (const dialect of testDialects()) {
  describe(`operator API on ${dialect}`, () => {
    let h: OperatorHarness
    beforeEach(async () => {
      h = await startOperatorHarness(dialect)
    })
    afterEach(async () => {
      // Every operator call with a valid key left exactly one audit row.
      expect(await h.auditRows()).toBe(h.auditedCalls())
      await h.close()
    })

    /** An account made the way the provider makes them: account, admin user, key, credit. */
    async function newCustomer(name: string, credit = 10_000) {
      const created = await h.op('POST', '/accounts', { name })
      expect(created.status).toBe(201)
      const user = await h.op('POST', `/accounts/${created.body.id}/users`, { name: 'Admin', role: 'admin' })
      expect(user.status).toBe(201)
      const key = await h.op('POST', `/accounts/${created.body.id}/api-keys`, { userId: user.body.id })
      expect(key.status).toBe(201)
      expect(key.body.key).toMatch(/^smsd_[0-9A-Za-z]{32}$/)
      const booked = await h.op('POST', `/accounts/${created.body.customerNumber}/credits`, {
        amount: credit,
        reference: `open-${name}`,
      })
      expect(booked.status).toBe(201)
      return {
        id: created.body.id as string,
        customerNumber: created.body.customerNumber as string,
        key: key.body.key as string,
      }
    }

    it('creates accounts with unique customer numbers, finds them by name or number, and changes them', async () => {
      const a = await h.op('POST', '/accounts', { name: 'Bageriet i Byn' })
      expect(a.body).toMatchObject({ name: 'Bageriet i Byn', status: 'active', currency: 'SEK' })
      expect(a.body.customerNumber).toMatch(/^\d{6}$/)
      const b = await h.op('POST', '/accounts', {
        name: 'Eget Nummer',
        customerNumber: 'K-77',
        currency: 'EUR',
      })
      expect(b.body).toMatchObject({ customerNumber: 'K-77', currency: 'EUR' })
      const taken = await h.op('POST', '/accounts', { name: 'Dubblett', customerNumber: 'K-77' })
      expect(taken.status).toBe(409)
      expect((await h.op('GET', '/accounts/K-77')).body.id).toBe(b.body.id)
      expect((await h.op('GET', `/accounts/${a.body.id}`)).body.name).toBe('Bageriet i Byn')
      expect((await h.op('GET', '/accounts/nope')).status).toBe(404)
      const found = await h.op('GET', '/accounts?search=bageriet')
      expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([a.body.id])
      const byNumber = await h.op('GET', `/accounts?search=${a.body.customerNumber}`)
      expect(byNumber.body.items.map((x: { id: string }) => x.id)).toEqual([a.body.id])
      const renamed = await h.op('PATCH', `/accounts/${a.body.id}`, {
        name: 'Bageriet',
        bannedWords: ['gratis'],
      })
      expect(renamed.body).toMatchObject({ name: 'Bageriet', bannedWords: ['gratis'] })
      // Many at once still get distinct numbers.
      const many = await Promise.all(
        Array.from({ length: 10 }, (_, i) => h.op('POST', '/accounts', { name: `Kund ${i}` })),
      )
      expect(many.map((r) => r.status)).toEqual(Array(10).fill(201))
      expect(new Set(many.map((r) => r.body.customerNumber)).size).toBe(10)
    })

    it('keeps two accounts apart: neither sees the other’s messages, contacts, blocklist, senders or ledger', async () => {
      const a = await newCustomer('Alfa AB')
      const b = await newCustomer('Beta AB')
      const sent = await h.call('POST', '/api/v1/messages', { key: a.key, body: SEND })
      expect(sent.status).toBe(202)
      const messageId = sent.body.messages[0].id
      const contact = await h.call('POST', '/api/v1/contacts', {
        key: a.key,
        body: { number: '+46701234599' },
      })
      expect(contact.status).toBe(201)
      expect((await h.call('PUT', '/api/v1/blocklist/+46701234598', { key: a.key })).status).toBeLessThan(300)
      expect((await h.call('PUT', '/api/v1/senders/Alfa', { key: a.key })).body.status).toBe('pending')

      expect((await h.call('GET', `/api/v1/messages/${messageId}`, { key: b.key })).status).toBe(404)
      expect((await h.call('POST', `/api/v1/messages/${messageId}/cancel`, { key: b.key })).status).toBe(404)
      expect((await h.call('GET', `/api/v1/contacts/${contact.body.id}`, { key: b.key })).status).toBe(404)
      expect((await h.call('DELETE', '/api/v1/blocklist/+46701234598', { key: b.key })).status).toBe(404)
      expect((await h.call('GET', '/api/v1/messages', { key: b.key })).body.items).toEqual([])
      expect((await h.call('GET', '/api/v1/contacts', { key: b.key })).body.items).toEqual([])
      expect((await h.call('GET', '/api/v1/blocklist', { key: b.key })).body.items).toEqual([])
      expect((await h.call('GET', '/api/v1/senders', { key: b.key })).body.items).toEqual([])
      const ledgerB = await h.call('GET', '/api/v1/balance/ledger', { key: b.key })
      expect(ledgerB.body.items.map((e: { reference: string }) => e.reference)).toEqual(['open-Beta AB'])
      expect((await h.call('GET', '/api/v1/balance', { key: b.key })).body.balance.amount).toBe(10_000)

      // The operator sees the message with its account and history.
      const seen = await h.op('GET', `/messages/${messageId}`)
      expect(seen.status).toBe(200)
      expect(seen.body.account).toEqual({ id: a.id, name: 'Alfa AB', customerNumber: a.customerNumber })
      expect(seen.body.statuses.length).toBeGreaterThan(0)
      const across = await h.op('GET', '/messages?recipient=0701234561')
      expect(across.body.items.map((m: { id: string }) => m.id)).toEqual([messageId])
      expect((await h.op('GET', `/messages?accountId=${b.id}`)).body.items).toEqual([])
    })

    it('never lets an account key on an operator route, nor an operator key on an account route', async () => {
      const doc = await h.call('GET', '/api/v1/openapi.json', { key: null })
      const operations = Object.entries(
        doc.body.paths as Record<
          string,
          Record<string, { security?: Record<string, unknown>[]; tags?: string[] }>
        >,
      )
        .flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
        )
        // Key-secured operations only: public ones say `security: []`, metrics and iP1 webhooks have their own secrets.
        .filter(({ op }) => op.security?.some((s) => 'Bearer' in s || 'OperatorBearer' in s))
      const operatorOps = operations.filter(({ path }) => path.startsWith('/api/v1/operator/'))
      expect(operatorOps.length).toBeGreaterThanOrEqual(18)
      expect(operatorOps.every(({ op }) => op.tags?.includes('Operator'))).toBe(true)
      const url = (path: string) => path.replace(/\{(\w+)\}/g, 'x1')
      for (const { path, method } of operatorOps) {
        const res = await h.call(method, url(path), {
          key: h.keys.admin,
          ...(method === 'GET' ? {} : { body: {} }),
        })
        expect(res.status, `${method} ${path}`).toBe(401)
      }
      for (const { path, method } of operations.filter(({ path }) => !path.startsWith('/api/v1/operator/'))) {
        for (const key of [h.operatorKey, h.supportKey]) {
          const res = await h.call(method, url(path), { key, ...(method === 'GET' ? {} : { body: {} }) })
          expect(res.status, `${method} ${path}`).toBe(401)
        }
      }
      // Support reads across accounts, but every changing route is 403 and changes nothing.
      const changing = operatorOps.filter(({ method }) => method !== 'GET')
      expect(changing.length).toBeGreaterThanOrEqual(10)
      for (const { path, method } of changing) {
        const res = await h.op(
          method,
          url(path).replace('/api/v1/operator', '').replaceAll('x1', h.accountId),
          {},
          h.supportKey,
        )
        expect(res.status, `${method} ${path}`).toBe(403)
      }
      expect((await h.op('GET', `/accounts/${h.accountId}`, undefined, h.supportKey)).status).toBe(200)
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000)
    })

    it('refuses an account admin’s top-up with 403 and leaves the balance alone', async () => {
      const res = await h.call('POST', '/api/v1/balance/top-ups', { body: { amount: 900_000_000 } })
      expect(res.status).toBe(403)
      expect(res.body.error).toMatchObject({ code: 'Forbidden' })
      expect(res.body.error.message).toMatch(/credit comes from the provider/)
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000)
      const ledger = await h.call('GET', '/api/v1/balance/ledger')
      expect(ledger.body.items).toHaveLength(1)
    })

    it('books credits once per reference, even 50 at once, and never below zero', async () => {
      const path = `/accounts/${h.accountId}/credits`
      const same = await Promise.all(
        Array.from({ length: 50 }, () => h.op('POST', path, { amount: 5_000, reference: 'order-1' })),
      )
      expect(same.filter((r) => r.status === 201)).toHaveLength(1)
      expect(same.filter((r) => r.status === 200 && r.body.replayed)).toHaveLength(49)
      expect(new Set(same.map((r) => r.body.entry.id)).size).toBe(1)
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(15_000)

      const different = await Promise.all(
        Array.from({ length: 50 }, (_, i) => h.op('POST', path, { amount: 100, reference: `order-d${i}` })),
      )
      expect(different.map((r) => r.status)).toEqual(Array(50).fill(201))
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(20_000)

      const changed = await h.op('POST', path, { amount: 6_000, reference: 'order-1' })
      expect(changed.status).toBe(409)
      const tooMuch = await h.op('POST', path, { amount: -20_001, reference: 'adjust-1', note: 'refund' })
      expect(tooMuch.status).toBe(402)
      expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(20_000)
      const down = await h.op('POST', path, { amount: -20_000, reference: 'adjust-2', note: 'refund' })
      expect(down.status).toBe(201)
      expect(down.body.entry).toMatchObject({ kind: 'adjustment', reference: 'adjust-2', note: 'refund' })
      expect(down.body.balance.amount).toBe(0)
      expect((await h.op('POST', path, { amount: 0, reference: 'zero' })).status).toBe(422)
      expect((await h.op('POST', path, { amount: 100 })).status).toBe(422)
      const ledger = await h.call('GET', '/api/v1/balance/ledger?limit=500')
      expect(ledger.body.items).toHaveLength(53)
    })

    it('audits every call with who, what, which account and from where', async () => {
      await h.op('GET', `/accounts/${h.accountId}`, undefined, h.supportKey)
      await h.op('POST', `/accounts/${h.accountId}/credits`, { amount: 1, reference: 'r' }, h.supportKey)
      const page = await h.op('GET', `/audit?accountId=${h.accountId}`)
      expect(page.body.items).toHaveLength(2)
      expect(page.body.items[0]).toMatchObject({
        operatorName: 'Stina Support',
        action: `POST /api/v1/operator/accounts/${h.accountId}/credits`,
        accountId: h.accountId,
        outcome: 403,
        via: 'api',
      })
      const withProxy = await h.op('GET', '/audit?limit=1', undefined, h.operatorKey, {
        'X-Forwarded-For': '203.0.113.9',
      })
      expect(withProxy.status).toBe(200)
      const last = await h.op('GET', '/audit?limit=1')
      expect(last.body.items[0].origin).toMatch(/203\.0\.113\.9/)
      expect(last.body.nextCursor).not.toBeNull()
      expect(
        (await h.op('GET', `/audit?cursor=${last.body.nextCursor}&limit=500`)).body.items.length,
      ).toBeGreaterThan(1)
    })
  })
}
