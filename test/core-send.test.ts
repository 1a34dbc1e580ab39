/** Sending: request checks, per-recipient verdicts, pricing, all-or-nothing funding, quotes and idempotency — on every dialect. */
import { DeskError, type SendRequest } from '@smsdesk/core'
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const SE_1 = '+46701234561'
const SE_2 = '+46701234562'
const SE_3 = '+46701234563'
const DE = '+4915123456789'
const US = '+16502530000'

for (const dialect of testDialects()) {
  describe(`send on ${dialect}`, () => {
    let desk: TestDesk
    let accountId: string
    beforeEach(async () => {
      desk = await createTestDesk(dialect)
      accountId = (await desk.accounts.create({ name: 'Frisör Anna', balance: 10_000 })).id
    })
    afterEach(async () => {
      await desk.close()
    })

    const send = (request: Partial<SendRequest>) =>
      desk.messages.send(accountId, {
        sender: 'Anna',
        body: 'Hej! Välkommen.',
        recipients: [SE_1],
        ...request,
      })

    it('funds a message and records 101 → 102 → 103 with a charge in the ledger', async () => {
      const result = await send({ recipients: [SE_1] })
      expect(result.replayed).toBe(false)
      expect(result.messages).toHaveLength(1)
      const [message] = result.messages
      expect(message?.status).toEqual({ code: 103, name: 'Funded' })
      expect(message?.price).toEqual({ amount: 49, currency: 'SEK' })
      expect(result.total).toEqual({ messages: 1, segments: 1, price: { amount: 49, currency: 'SEK' } })
      const detail = await desk.messages.get(accountId, message?.id ?? '')
      expect(detail.statuses.map((s) => s.code)).toEqual([101, 102, 103])
      expect(await desk.ledger.balance(accountId)).toEqual({ amount: 10_000 - 49, currency: 'SEK' })
      const ledger = await desk.ledger.entries(accountId)
      expect(ledger.items[0]).toMatchObject({
        kind: 'charge',
        amount: { amount: -49 },
        batchId: result.batchId,
      })
      expect(ledger.items[0]?.balanceAfter.amount).toBe(10_000 - 49)
    })

    it('sends two spellings of one number once, and prices per country and segment', async () => {
      const longBody = 'x'.repeat(161) // two GSM-7 segments
      const result = await send({
        recipients: ['070-123 45 61', SE_1, ' +46 70 123 45 61 ', DE],
        body: longBody,
      })
      expect(result.messages.map((m) => m.recipient)).toEqual([SE_1, DE])
      expect(result.messages.map((m) => m.segments)).toEqual([2, 2])
      expect(result.messages.map((m) => m.price.amount)).toEqual([2 * 49, 2 * 79])
      expect(result.total.price.amount).toBe(2 * 49 + 2 * 79)
    })

    it.each([
      ['AB', 'too short'],
      ['TwelveChars1', 'too long'],
      ['Hej!', 'punctuation'],
      ['Åsa', 'non-ASCII letter'],
      ['+1234567890123456', '16 digits'],
    ])('rejects sender %j (%s) with 407 and stores nothing', async (sender) => {
      const error = await send({ sender }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DeskError)
      expect(error).toMatchObject({ code: 'InvalidSender', statusCode: 407 })
      expect((await desk.messages.list(accountId)).items).toHaveLength(0)
      expect((await desk.ledger.balance(accountId)).amount).toBe(10_000)
    })

    it.each(['ABC', 'Company1234', '+46701234567', '123456789012345'])(
      'accepts sender %j',
      async (sender) => {
        const result = await send({ sender })
        expect(result.messages[0]?.status.code).toBe(103)
      },
    )

    it('rejects an empty or over-long body with 408 and accepts exactly 2,000 characters', async () => {
      for (const body of ['', '   \n', 'a'.repeat(2001), '😀'.repeat(2001)]) {
        await expect(send({ body })).rejects.toMatchObject({ code: 'InvalidContent', statusCode: 408 })
      }
      expect((await desk.messages.list(accountId)).items).toHaveLength(0)
      const ok = await send({ body: '😀'.repeat(2000) })
      expect(ok.messages[0]?.encoding).toBe('UCS-2')
    })

    it.each<[string, Partial<SendRequest>]>([
      ['no recipients', { recipients: [] }],
      ['validity 0 hours', { validityHours: 0 }],
      ['validity 73 hours', { validityHours: 73 }],
      ['fractional validity', { validityHours: 1.5 }],
      ['sendAt an hour ago', { sendAt: new Date(Date.now() - 3_600_000) }],
      ['sendAt a year ahead', { sendAt: new Date(Date.now() + 365 * 86_400_000) }],
      ['non-http callback', { statusCallbackUrl: 'ftp://example.com/hook' }],
      ['unknown group', { recipients: [], groups: ['Nobody'] }],
      ['over-long reference', { reference: 'r'.repeat(129) }],
    ])('rejects a request with %s as InvalidRequest', async (_, request) => {
      desk.clock.set(new Date())
      await expect(send(request)).rejects.toMatchObject({ code: 'InvalidRequest' })
      expect((await desk.messages.list(accountId)).items).toHaveLength(0)
    })

    it('gives each recipient its own verdict: 409 invalid, 405 blocklisted, 406 +1 without a campaign', async () => {
      await desk.blocklist.add(accountId, SE_2)
      const result = await send({ recipients: [SE_1, '12345', SE_2, US] })
      const byRecipient = new Map(result.messages.map((m) => [m.recipient, m]))
      expect(byRecipient.get(SE_1)?.status.code).toBe(103)
      expect(byRecipient.get('12345')?.status).toEqual({ code: 409, name: 'InvalidRecipient' })
      expect(byRecipient.get(SE_2)?.status).toEqual({ code: 405, name: 'RecipientRejected' })
      expect(byRecipient.get(US)?.status).toEqual({ code: 406, name: 'GenericRejected' })
      const na = await desk.messages.get(accountId, byRecipient.get(US)?.id ?? '')
      expect(na.statuses.map((s) => s.code)).toEqual([101, 406])
      expect(na.statuses[1]?.detail).toMatch(/North.America/i)
      // Only the one good message was charged.
      expect(result.total.messages).toBe(1)
      expect((await desk.ledger.balance(accountId)).amount).toBe(10_000 - 49)
      for (const code of [409, 405, 406]) {
        const m = result.messages.find((x) => x.status.code === code)
        expect(m?.price.amount).toBe(0)
        expect(m?.final).toBe(true)
      }
    })

    it('sends to +1 once the account has a North-America campaign', async () => {
      const na = await desk.accounts.create({ name: 'NA', balance: 1_000, naCampaign: true })
      const result = await desk.messages.send(na.id, { sender: 'Anna', body: 'Hi', recipients: [US] })
      expect(result.messages[0]?.status.code).toBe(103)
      expect(result.messages[0]?.price.amount).toBe(89)
    })

    it('rejects every message with 403 when the sender is not registered', async () => {
      const acc = await desk.accounts.create({ name: 'Reg', balance: 1_000, registeredSenders: ['Anna'] })
      const other = await desk.messages.send(acc.id, {
        sender: 'Bertil',
        body: 'Hej',
        recipients: [SE_1, SE_2],
      })
      expect(other.messages.map((m) => m.status.code)).toEqual([403, 403])
      expect(other.total.messages).toBe(0)
      const own = await desk.messages.send(acc.id, { sender: 'anna', body: 'Hej', recipients: [SE_1] })
      expect(own.messages[0]?.status.code).toBe(103)
    })

    it('applies the content policy as whole words, without case: 404', async () => {
      const acc = await desk.accounts.create({
        name: 'Policy',
        balance: 1_000,
        bannedWords: ['casino', 'snabba lån'],
      })
      const hit = await desk.messages.send(acc.id, {
        sender: 'Anna',
        body: 'Bästa CASINO-bonusen!',
        recipients: [SE_1],
      })
      expect(hit.messages[0]?.status.code).toBe(404)
      const phrase = await desk.messages.send(acc.id, {
        sender: 'Anna',
        body: 'Snabba  lån idag',
        recipients: [SE_1],
      })
      expect(phrase.messages[0]?.status.code).toBe(404)
      const partOfWord = await desk.messages.send(acc.id, {
        sender: 'Anna',
        body: 'Om casinos i Las Vegas',
        recipients: [SE_1],
      })
      expect(partOfWord.messages[0]?.status.code).toBe(103)
    })

    it('gives every chargeable message 402 and charges nothing when the balance cannot cover the batch', async () => {
      const poor = await desk.accounts.create({ name: 'Poor', balance: 100 })
      const result = await desk.messages.send(poor.id, {
        sender: 'Anna',
        body: 'Hej',
        recipients: [SE_1, SE_2, SE_3, 'nope'],
      })
      expect(result.messages.map((m) => m.status.code)).toEqual([402, 402, 402, 409])
      expect(result.total).toEqual({ messages: 0, segments: 0, price: { amount: 0, currency: 'SEK' } })
      expect((await desk.ledger.balance(poor.id)).amount).toBe(100)
      const ledger = await desk.ledger.entries(poor.id)
      expect(ledger.items.map((e) => e.kind)).toEqual(['top_up'])
      const detail = await desk.messages.get(poor.id, result.messages[0]?.id ?? '')
      expect(detail.statuses.map((s) => s.code)).toEqual([101, 402])
      // The batch is stored as charged nothing; the funded one beside it with what it cost.
      const funded = await desk.messages.send(accountId, {
        sender: 'Anna',
        body: 'Hej',
        recipients: [SE_1, SE_2],
      })
      const stored = await desk.db
        .selectFrom('batches')
        .select(['id', 'total_segments', 'total_price', 'message_count'])
        .where('id', 'in', [result.batchId, funded.batchId])
        .execute()
      const byId = new Map(
        stored.map((b) => [b.id, [b.message_count, b.total_segments, b.total_price].map(Number)]),
      )
      expect(byId.get(result.batchId)).toEqual([4, 0, 0])
      expect(byId.get(funded.batchId)).toEqual([2, 2, 98])
    })

    it('expands contact groups and sends each member once', async () => {
      await desk.contacts.create(accountId, { number: SE_1, groups: ['Kunder'] })
      await desk.contacts.create(accountId, { number: SE_2, groups: ['Kunder', 'VIP'] })
      const result = await send({ recipients: [SE_2], groups: ['kunder', 'VIP'] })
      expect(result.messages.map((m) => m.recipient).sort()).toEqual([SE_1, SE_2])
    })

    it('quotes without storing or charging anything', async () => {
      await desk.blocklist.add(accountId, SE_2)
      const quote = await desk.messages.quote(accountId, {
        sender: 'Anna',
        body: 'x'.repeat(200),
        recipients: [SE_1, SE_2, DE, 'bad'],
      })
      expect(quote.encoding).toBe('GSM-7')
      expect(quote.segmentsPerMessage).toBe(2)
      expect(quote.total).toEqual({
        messages: 2,
        segments: 4,
        price: { amount: 2 * 49 + 2 * 79, currency: 'SEK' },
      })
      expect(quote.recipients.map((r) => r.status?.code ?? null)).toEqual([null, 405, null, 409])
      expect(quote.balance.amount).toBe(10_000)
      expect((await desk.messages.list(accountId)).items).toHaveLength(0)
      expect((await desk.ledger.balance(accountId)).amount).toBe(10_000)
    })

    it('prices from a configured table and rejects a country with no price (406) when there is no default', async () => {
      const custom = await createTestDesk(dialect, { prices: { SEK: { countries: { SE: 30 } } } })
      try {
        const acc = await custom.accounts.create({ name: 'Custom', balance: 1_000 })
        const result = await custom.messages.send(acc.id, {
          sender: 'Anna',
          body: 'Hej',
          recipients: [SE_1, DE],
        })
        expect(result.messages.map((m) => [m.status.code, m.price.amount])).toEqual([
          [103, 30],
          [406, 0],
        ])
        const de = await custom.messages.get(acc.id, result.messages[1]?.id ?? '')
        expect(de.statuses.at(-1)?.detail).toMatch(/No price for destination country DE/)
      } finally {
        await custom.close()
      }
    })

    it('replays an idempotent retry without sending anything new, and refuses the key for another request', async () => {
      const request = { recipients: [SE_1, SE_2], idempotencyKey: 'order-42' }
      const first = await send(request)
      const again = await send(request)
      expect(again.replayed).toBe(true)
      expect(again.batchId).toBe(first.batchId)
      expect(again.messages.map((m) => m.id)).toEqual(first.messages.map((m) => m.id))
      expect(again.total).toEqual(first.total)
      expect((await desk.messages.list(accountId)).items).toHaveLength(2)
      expect((await desk.ledger.balance(accountId)).amount).toBe(10_000 - 2 * 49)
      await expect(send({ ...request, body: 'Something else' })).rejects.toMatchObject({
        code: 'IdempotencyConflict',
      })
      // The key is per account.
      const other = await desk.accounts.create({ name: 'Other', balance: 1_000 })
      const theirs = await desk.messages.send(other.id, {
        sender: 'Anna',
        body: 'Hej! Välkommen.',
        ...request,
      })
      expect(theirs.replayed).toBe(false)
    })

    it('turns racing identical requests into one batch', async () => {
      const request = { recipients: [SE_1], idempotencyKey: 'race-1' }
      const results = await Promise.all(Array.from({ length: 8 }, () => send(request)))
      expect(new Set(results.map((r) => r.batchId)).size).toBe(1)
      expect(results.filter((r) => !r.replayed)).toHaveLength(1)
      expect((await desk.messages.list(accountId)).items).toHaveLength(1)
      expect((await desk.ledger.balance(accountId)).amount).toBe(10_000 - 49)
    })
  })
}
