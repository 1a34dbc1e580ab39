/** Every API route through `app.request()`: what a client sends, what it gets back, and what the store then holds. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { eventually, type Harness, startHarness } from './server-harness.ts'

for (const dialect of testDialects()) {
  describe(`REST API on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect)
    })
    afterEach(() => h.close())

    const send = (body: Record<string, unknown>, headers?: Record<string, string>) =>
      h.call('POST', '/api/v1/messages', {
        key: h.keys.sender,
        body: { sender: 'Anna', body: 'Hej! Din tid är bokad.', ...body },
        ...(headers ? { headers } : {}),
      })

    describe('messages', () => {
      it('sends, charges, and follows each message to its final status with the whole history', async () => {
        const res = await send({ recipients: ['+46701234201', '070-123 45 01'], reference: 'order-7' })
        expect(res.status).toBe(202)
        expect(res.body.batchId).toMatch(/^\w+_/)
        expect(res.body.messages).toHaveLength(2)
        expect(res.body.messages[0]).toMatchObject({
          recipient: '+46701234201',
          status: { code: 103, name: 'Funded' },
          segments: 1,
          encoding: 'GSM-7',
          price: { amount: 49, currency: 'SEK' },
        })
        expect(res.body.messages[1].recipient).toBe('+46701234501')
        expect(res.body.total).toEqual({ messages: 2, segments: 2, price: { amount: 98, currency: 'SEK' } })
        expect((await h.call('GET', '/api/v1/balance', { key: h.keys.viewer })).body).toEqual({
          balance: { amount: 10_000 - 98, currency: 'SEK' },
        })

        const dispatcher = h.desk.dispatcher.start({ pollMs: 10 })
        try {
          const [delivered, failed] = res.body.messages.map((m: { id: string }) => m.id)
          const done = await eventually(async () => {
            const r = await h.call('GET', `/api/v1/messages/${delivered}`, { key: h.keys.viewer })
            return r.body.final ? r : null
          })
          expect(done.status).toBe(200)
          expect(done.body).toMatchObject({
            id: delivered,
            batchId: res.body.batchId,
            reference: 'order-7',
            source: 'api',
            status: { code: 201, name: 'DeliveredToHandset' },
            segments: 1,
            price: { amount: 49, currency: 'SEK' },
          })
          const codes = done.body.statuses.map((s: { code: number }) => s.code)
          expect(codes.slice(0, 5)).toEqual([101, 102, 103, 110, 111])
          expect(codes.at(-1)).toBe(201)
          for (const s of done.body.statuses) expect(Number.isNaN(Date.parse(s.at))).toBe(false)

          const lost = await eventually(async () => {
            const r = await h.call('GET', `/api/v1/messages/${failed}`)
            return r.body.final ? r : null
          })
          expect(lost.body.status).toEqual({ code: 501, name: 'UnknownSubscriber' })
        } finally {
          await dispatcher.stop()
        }
      })

      it('answers per-recipient problems as statuses in a 202, charging only what can be sent', async () => {
        await h.call('PUT', '/api/v1/blocklist/+46701234567', { key: h.keys.sender })
        const res = await send({ recipients: ['+46701234561', 'not-a-number', '+46701234567'] })
        expect(res.status).toBe(202)
        const byInput = res.body.messages.map((m: { status: { code: number } }) => m.status.code)
        expect(byInput).toEqual([103, 409, 405])
        expect(res.body.total.price.amount).toBe(49)
        expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000 - 49)
      })

      it('gives every message 402 InsufficientFunds and charges nothing when the balance cannot cover the batch', async () => {
        const many = Array.from({ length: 210 }, (_, i) => `+4670123${String(i).padStart(4, '0')}`)
        const res = await send({ recipients: many })
        expect(res.status).toBe(202)
        expect(new Set(res.body.messages.map((m: { status: { code: number } }) => m.status.code))).toEqual(
          new Set([402]),
        )
        expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000)
      })

      it('replays an Idempotency-Key retry without sending again, and refuses the key for another request', async () => {
        const first = await send({ recipients: ['+46701234561'] }, { 'Idempotency-Key': 'k-1' })
        const again = await send({ recipients: ['+46701234561'] }, { 'Idempotency-Key': 'k-1' })
        expect(again.status).toBe(202)
        expect(again.body.batchId).toBe(first.body.batchId)
        expect(again.body.replayed).toBe(true)
        expect(again.headers.get('Idempotent-Replayed')).toBe('true')
        expect(await h.messageCount()).toBe(1)
        const other = await send({ recipients: ['+46701234562'] }, { 'Idempotency-Key': 'k-1' })
        expect(other.status).toBe(409)
        expect(other.body.error.code).toBe('IdempotencyConflict')
        expect(await h.messageCount()).toBe(1)
      })

      it('quotes without storing or charging', async () => {
        const res = await h.call('POST', '/api/v1/messages/quote', {
          key: h.keys.viewer,
          body: { sender: 'Anna', body: 'x'.repeat(161), recipients: ['+46701234561', 'nope'] },
        })
        expect(res.status).toBe(200)
        expect(res.body.segmentsPerMessage).toBe(2)
        expect(res.body.total.price).toEqual({ amount: 98, currency: 'SEK' })
        expect(res.body.recipients[1].status.code).toBe(409)
        expect(await h.messageCount()).toBe(0)
      })

      it('lists newest first with filters and cursor paging', async () => {
        const a = await send({ recipients: ['+46701234561', '+46701234562'] })
        const b = await send({ recipients: ['+46701234563'] })
        const all = await h.call('GET', '/api/v1/messages', { key: h.keys.viewer })
        expect(all.status).toBe(200)
        expect(all.body.items.map((m: { recipient: string }) => m.recipient)).toEqual([
          '+46701234563',
          '+46701234562',
          '+46701234561',
        ])
        const page1 = await h.call('GET', '/api/v1/messages?limit=2')
        expect(page1.body.items).toHaveLength(2)
        expect(page1.body.nextCursor).toEqual(expect.any(String))
        const page2 = await h.call(
          'GET',
          `/api/v1/messages?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
        )
        expect(page2.body.items.map((m: { recipient: string }) => m.recipient)).toEqual(['+46701234561'])
        expect(page2.body.nextCursor).toBeNull()

        const byBatch = await h.call('GET', `/api/v1/messages?batchId=${a.body.batchId}`)
        expect(byBatch.body.items).toHaveLength(2)
        const byRecipient = await h.call('GET', '/api/v1/messages?recipient=070-123%2045%2063')
        expect(byRecipient.body.items.map((m: { batchId: string }) => m.batchId)).toEqual([b.body.batchId])
        const byStatus = await h.call('GET', '/api/v1/messages?status=Funded')
        expect(byStatus.body.items).toHaveLength(3)
        expect((await h.call('GET', '/api/v1/messages?status=201')).body.items).toHaveLength(0)
        const bad = await h.call('GET', '/api/v1/messages?status=Nonsense')
        expect(bad.status).toBe(422)
        expect(bad.body.error.message).toMatch(/Unknown status/)
      })

      it('cancels a scheduled message with 203 and a refund; a second cancel is 409', async () => {
        const sendAt = new Date(h.desk.clock.now().getTime() + 3_600_000).toISOString()
        const res = await send({ recipients: ['+46701234561'], sendAt })
        const id = res.body.messages[0].id
        expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000 - 49)
        // Looked up twice (the second from the look-up cache), then canceled: the next look-up shows it at once.
        for (let i = 0; i < 2; i++)
          expect((await h.call('GET', `/api/v1/messages/${id}`)).body.status.code).toBe(103)
        const canceled = await h.call('POST', `/api/v1/messages/${id}/cancel`, { key: h.keys.sender })
        expect(canceled.status).toBe(200)
        expect(canceled.body.status).toEqual({ code: 203, name: 'Canceled' })
        const after = await h.call('GET', `/api/v1/messages/${id}`)
        expect(after.body.status).toEqual({ code: 203, name: 'Canceled' })
        expect(after.body.statuses.map((s: { code: number }) => s.code)).toEqual([101, 102, 103, 104, 203])
        expect((await h.call('GET', '/api/v1/balance')).body.balance.amount).toBe(10_000)
        const again = await h.call('POST', `/api/v1/messages/${id}/cancel`, { key: h.keys.sender })
        expect(again.status).toBe(409)
        expect(again.body.error.code).toBe('NotCancelable')
        const missing = await h.call('POST', '/api/v1/messages/msg_nope/cancel')
        expect(missing.status).toBe(404)
      })
    })

    describe('account, balance and ledger', () => {
      it('shows the account and its ledger, with credit the provider booked', async () => {
        const account = await h.call('GET', '/api/v1/account', { key: h.keys.viewer })
        expect(account.status).toBe(200)
        expect(account.body).toMatchObject({ id: h.accountId, name: 'Frisör Anna', currency: 'SEK' })
        expect(account.body.balance).toEqual({ amount: 10_000, currency: 'SEK' })

        const credit = await h.desk.ledger.credit(h.accountId, {
          amount: 2_500,
          reference: 'order-12',
          note: 'invoice 12',
        })
        expect(credit.balance).toEqual({ amount: 12_500, currency: 'SEK' })

        const ledger = await h.call('GET', '/api/v1/balance/ledger', { key: h.keys.viewer })
        expect(ledger.status).toBe(200)
        expect(ledger.body.items[0]).toMatchObject({
          kind: 'top_up',
          amount: { amount: 2_500, currency: 'SEK' },
          balanceAfter: { amount: 12_500, currency: 'SEK' },
          note: 'invoice 12',
          reference: 'order-12',
        })
        expect(ledger.body.items.at(-1).note).toBe('Opening balance')
        const paged = await h.call('GET', '/api/v1/balance/ledger?limit=1')
        expect(paged.body.items).toHaveLength(1)
        expect(paged.body.nextCursor).toEqual(expect.any(String))
      })
    })

    describe('contacts and groups', () => {
      it('creates, reads, searches, updates and deletes contacts; groups appear on first use', async () => {
        const created = await h.call('POST', '/api/v1/contacts', {
          key: h.keys.sender,
          body: { number: '070-123 45 67', firstName: 'Nils', lastName: 'Nilsson', groups: ['Kunder'] },
        })
        expect(created.status).toBe(201)
        expect(created.body).toMatchObject({ number: '+46701234567', firstName: 'Nils', groups: ['Kunder'] })
        const id = created.body.id

        expect((await h.call('GET', `/api/v1/contacts/${id}`, { key: h.keys.viewer })).body.lastName).toBe(
          'Nilsson',
        )
        const dup = await h.call('POST', '/api/v1/contacts', { body: { number: '+46701234567' } })
        expect(dup.status).toBe(409)

        const list = await h.call('GET', '/api/v1/contacts?search=nils', { key: h.keys.viewer })
        expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([id])
        const groups = await h.call('GET', '/api/v1/groups', { key: h.keys.viewer })
        expect(groups.body.items).toMatchObject([{ name: 'Kunder', members: 1 }])

        const patched = await h.call('PATCH', `/api/v1/contacts/${id}`, {
          key: h.keys.sender,
          body: { email: 'nils@example.se', groups: ['VIP'] },
        })
        expect(patched.status).toBe(200)
        expect(patched.body).toMatchObject({ email: 'nils@example.se', groups: ['VIP'], firstName: 'Nils' })

        const sent = await send({ groups: ['VIP'] })
        expect(sent.body.messages.map((m: { recipient: string }) => m.recipient)).toEqual(['+46701234567'])

        expect((await h.call('DELETE', `/api/v1/contacts/${id}`, { key: h.keys.sender })).status).toBe(204)
        expect((await h.call('GET', `/api/v1/contacts/${id}`)).status).toBe(404)
      })
    })

    describe('blocklist and opt-out links', () => {
      it('blocks idempotently, lists, unblocks, and 404s for a number that is not blocked', async () => {
        const put = await h.call('PUT', '/api/v1/blocklist/070-123 45 67', { key: h.keys.sender })
        expect(put.status).toBe(200)
        expect(put.body).toMatchObject({ number: '+46701234567', reason: 'manual' })
        expect((await h.call('PUT', '/api/v1/blocklist/+46701234567', { key: h.keys.sender })).status).toBe(
          200,
        )
        const list = await h.call('GET', '/api/v1/blocklist', { key: h.keys.viewer })
        expect(list.body.items).toMatchObject([{ number: '+46701234567', reason: 'manual' }])
        expect(
          (await h.call('DELETE', '/api/v1/blocklist/%2B46701234567', { key: h.keys.sender })).status,
        ).toBe(204)
        const gone = await h.call('DELETE', '/api/v1/blocklist/+46701234567', { key: h.keys.sender })
        expect(gone.status).toBe(404)
        expect(gone.body.error.message).toMatch(/not on the blocklist/)
      })

      it('makes an opt-out link under PUBLIC_URL, the same one each time', async () => {
        const a = await h.call('POST', '/api/v1/opt-out-links', {
          key: h.keys.sender,
          body: { number: '+46701234567' },
        })
        expect(a.status).toBe(200)
        expect(a.body.url).toBe(`https://sms.example.test/u/${a.body.token}`)
        const b = await h.call('POST', '/api/v1/opt-out-links', {
          key: h.keys.sender,
          body: { number: '0701234567' },
        })
        expect(b.body.token).toBe(a.body.token)
      })
    })

    describe('users and API keys', () => {
      it('lets an admin add a user, issue a key that works, list keys without secrets, and revoke it at once', async () => {
        const user = await h.call('POST', '/api/v1/users', { body: { name: 'Eva', role: 'viewer' } })
        expect(user.status).toBe(201)
        expect(user.body).toMatchObject({ name: 'Eva', role: 'viewer' })
        const users = await h.call('GET', '/api/v1/users')
        expect(users.body.items.map((u: { name: string }) => u.name)).toContain('Eva')

        const issued = await h.call('POST', '/api/v1/api-keys', { body: { userId: user.body.id } })
        expect(issued.status).toBe(201)
        expect(issued.headers.get('Cache-Control')).toBe('no-store')
        const key: string = issued.body.key
        expect(key.startsWith(issued.body.info.prefix)).toBe(true)
        expect((await h.call('GET', '/api/v1/balance', { key })).status).toBe(200)

        const keys = await h.call('GET', '/api/v1/api-keys')
        expect(keys.text).not.toContain(key)
        expect(keys.body.items.map((k: { id: string }) => k.id)).toContain(issued.body.info.id)

        expect((await h.call('DELETE', `/api/v1/api-keys/${issued.body.info.id}`)).status).toBe(204)
        expect((await h.call('GET', '/api/v1/balance', { key })).status).toBe(401)
        expect((await h.call('DELETE', '/api/v1/api-keys/key_nope')).status).toBe(404)
      })
    })

    describe('public endpoints', () => {
      it('lists status codes and finds one by code, name or old Swedish name', async () => {
        const all = await h.call('GET', '/api/v1/status-codes', { key: null })
        expect(all.status).toBe(200)
        expect(all.body.items.map((s: { code: number }) => s.code)).toEqual(
          expect.arrayContaining([101, 201, 402, 599]),
        )
        const byCode = await h.call('GET', '/api/v1/status-codes/503', { key: null })
        expect(byCode.body).toMatchObject({
          code: 503,
          name: 'SubscriberOffline',
          group: 'Error',
          final: false,
        })
        expect(byCode.body.text.sv.meaning).toEqual(expect.any(String))
        expect(byCode.body.text.en.action).toEqual(expect.any(String))
        expect(
          (await h.call('GET', '/api/v1/status-codes/deliveredtohandset', { key: null })).body.code,
        ).toBe(201)
        const legacy = await h.call('GET', '/api/v1/status-codes/Levererad', { key: null })
        expect(legacy.body).toMatchObject({ code: 201, legacyName: 'Levererad' })
      })

      it('explains an unknown status code in its 404', async () => {
        const unknown = await h.call('GET', '/api/v1/status-codes/517', { key: null })
        expect(unknown.status).toBe(404)
        expect(unknown.body.error.code).toBe('NotFound')
        expect(unknown.body.error.message).toMatch(/517 is not a known status code.*5/)
        const name = await h.call('GET', '/api/v1/status-codes/Teleported', { key: null })
        expect(name.status).toBe(404)
        expect(name.body.error.message).toMatch(/GET \/api\/v1\/status-codes/)
      })

      it('reports health, checking the database', async () => {
        const res = await h.call('GET', '/healthz', { key: null })
        expect(res.status).toBe(200)
        expect(res.body).toEqual({ status: 'ok', database: 'ok' })
        expect((await h.call('GET', '/healthz/live', { key: null })).body).toEqual({ status: 'ok' })
      })

      it('describes every API route in openapi.json and renders the docs page', async () => {
        const doc = await h.call('GET', '/api/v1/openapi.json', { key: null })
        expect(doc.status).toBe(200)
        expect(doc.body.openapi).toBe('3.1.0')
        const paths = Object.keys(doc.body.paths)
        for (const p of [
          '/api/v1/messages',
          '/api/v1/messages/{id}',
          '/api/v1/messages/{id}/cancel',
          '/api/v1/balance',
          '/api/v1/balance/ledger',
          '/api/v1/balance/top-ups',
          '/api/v1/contacts',
          '/api/v1/contacts/{id}',
          '/api/v1/groups',
          '/api/v1/blocklist',
          '/api/v1/blocklist/{number}',
          '/api/v1/users',
          '/api/v1/api-keys',
          '/api/v1/api-keys/{id}',
          '/api/v1/status-codes',
          '/api/v1/status-codes/{codeOrName}',
          '/api/v1/simulator/inbound',
        ]) {
          expect(paths).toContain(p)
        }
        const sendOp = doc.body.paths['/api/v1/messages'].post
        expect(sendOp.security).toEqual([{ Bearer: [] }])
        expect(doc.body.components.schemas.SendRequest.additionalProperties).toBe(false)
        expect(Object.keys(sendOp.responses)).toEqual(
          expect.arrayContaining(['202', '401', '403', '422', '429']),
        )
        const docs = await h.call('GET', '/api/docs', { key: null })
        expect(docs.status).toBe(200)
        expect(docs.text).toContain('/api/docs/init.js')
        expect((await h.call('GET', '/api/docs/init.js', { key: null })).text).toContain(
          '/api/v1/openapi.json',
        )
      })

      it('answers unknown endpoints with a JSON 404', async () => {
        const res = await h.call('GET', '/api/v1/nothing-here', { key: null })
        expect(res.status).toBe(404)
        expect(res.body.error).toMatchObject({ code: 'NotFound' })
      })
    })
  })
}
