/**
 * The opt-out service end to end in the core, on every dialect: what each mode does to the body that is stored,
 * counted, priced and handed to the gateway; transactional sends; refusals; the link blocking exactly its number;
 * the confirmation SMS and its limits.
 */
import type { Dispatcher, OutboundSms, SendRequest, SmsGateway } from '@smsdesk/core'
import { countSegments } from '@smsdesk/core'
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import fc from 'fast-check'
import { SegmentedMessage } from 'sms-segments-calculator'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const PUBLIC_URL = 'https://sms.example.test'
const VIRTUAL = '+46700000009'
const A = '+46701234561'
const B = '+46701234562'

/** A gateway that keeps every SMS it is handed, exactly as handed. */
function capturingGateway(): SmsGateway & { submitted: OutboundSms[] } {
  const submitted: OutboundSms[] = []
  let n = 0
  return {
    name: 'capturing',
    submitted,
    async submit(messages) {
      submitted.push(...messages)
      return messages.map((m) => ({ id: m.id, ok: true as const, gatewayId: `cap-${++n}` }))
    },
  }
}

for (const dialect of testDialects()) {
  describe(`opt-out service on ${dialect}`, () => {
    let desk: TestDesk
    let gateway: ReturnType<typeof capturingGateway>
    let dispatcher: Dispatcher
    let accountId: string

    beforeEach(async () => {
      gateway = capturingGateway()
      desk = await createTestDesk(dialect, { gateway, publicUrl: PUBLIC_URL })
      dispatcher = desk.dispatcher.start({ pollMs: 3_600_000 })
      accountId = (
        await desk.accounts.create({ name: 'Frisör Anna', balance: 100_000, virtualNumbers: [VIRTUAL] })
      ).id
      await desk.optOut.setService(accountId, { link: true, reply: true })
    })
    afterEach(async () => {
      await dispatcher.stop()
      await desk.close()
    })

    const send = (request: Partial<SendRequest>) =>
      desk.messages.send(accountId, {
        sender: 'Anna',
        body: 'Hej! Rea i helgen.',
        recipients: [A],
        ...request,
      })
    const handOver = async () => {
      while ((await dispatcher.runOnce()) > 0) {}
    }
    const submittedTo = (n: string) => gateway.submitted.filter((m) => m.recipient === n)

    it('link: each recipient gets its own reused link after a line break, in the stored and submitted body', async () => {
      await desk.optOut.updateSettings(accountId, { mode: 'link' })
      const earlier = await desk.optOut.token(accountId, A)
      const result = await send({ recipients: [A, B] })
      const tokenB = await desk.optOut.token(accountId, B)
      expect(tokenB).not.toBe(earlier)
      const expected: Record<string, string> = {
        [A]: `Hej! Rea i helgen.\nAvregistrera: ${PUBLIC_URL}/u/${earlier}`,
        [B]: `Hej! Rea i helgen.\nAvregistrera: ${PUBLIC_URL}/u/${tokenB}`,
      }
      for (const m of result.messages) {
        expect(m.body).toBe(expected[m.recipient])
        expect(m.optOut).toBe('link')
        expect((await desk.messages.get(accountId, m.id)).body).toBe(expected[m.recipient])
      }
      await handOver()
      expect(submittedTo(A).map((m) => m.body)).toEqual([expected[A]])
      expect(submittedTo(B).map((m) => m.body)).toEqual([expected[B]])
    })

    it('reply: the STOP text with the virtual number; English when the settings say so', async () => {
      await desk.optOut.updateSettings(accountId, { mode: 'reply' })
      const sv = await send({})
      expect(sv.messages[0]?.body).toBe(
        `Hej! Rea i helgen.\nSvara STOPP till ${VIRTUAL} för att avregistrera dig`,
      )
      await desk.optOut.updateSettings(accountId, { lang: 'en', replyText: { en: 'Reply STOP to opt out' } })
      const en = await send({ recipients: [B] })
      expect(en.messages[0]?.body).toBe('Hej! Rea i helgen.\nReply STOP to opt out')
      expect(en.messages[0]?.optOut).toBe('reply')
      await handOver()
      expect(submittedTo(B)[0]?.body).toBe('Hej! Rea i helgen.\nReply STOP to opt out')
    })

    it('off: the body goes as written', async () => {
      const result = await send({})
      expect(result.messages[0]?.body).toBe('Hej! Rea i helgen.')
      expect(result.messages[0]?.optOut).toBeNull()
    })

    it('counts and prices the link: 150 GSM-7 characters become 2 segments, and the quote says so', async () => {
      await desk.optOut.updateSettings(accountId, { mode: 'link' })
      const body = 'a'.repeat(150)
      const quote = await desk.messages.quote(accountId, { sender: 'Anna', body, recipients: [A] })
      expect(quote.segmentsPerMessage).toBe(2)
      expect(quote.optOut).toMatchObject({ mode: 'link', addedSegments: 1 })
      expect(quote.optOut.example).toMatch(new RegExp(`^a{150}\\nAvregistrera: ${PUBLIC_URL}/u/.{24}$`))
      expect(quote.recipients[0]).toMatchObject({ segments: 2, price: { amount: 98 } })
      expect(quote.total).toMatchObject({ segments: 2, price: { amount: 98 } })
      // A quote makes no token.
      expect(await desk.db.selectFrom('opt_out_tokens').select('token').execute()).toEqual([])

      const result = await send({ body })
      expect(result.messages[0]).toMatchObject({ segments: 2, price: { amount: 98 } })
      expect(result.total).toMatchObject({ messages: 1, segments: 2, price: { amount: 98 } })
      expect(await desk.ledger.balance(accountId)).toEqual({ amount: 100_000 - 98, currency: 'SEK' })
      // Once the recipient has a token, the quote shows the very text they will get.
      const again = await desk.messages.quote(accountId, { sender: 'Anna', body, recipients: [A] })
      expect(again.optOut.example).toBe(result.messages[0]?.body)
    })

    it('a transactional send carries no opt-out, and its batch says so', async () => {
      await desk.optOut.updateSettings(accountId, { mode: 'link', requiredForMarketing: true })
      const result = await send({ purpose: 'transactional', body: 'Din kod: 1234' })
      expect(result.messages[0]).toMatchObject({ body: 'Din kod: 1234', optOut: null })
      const batch = await desk.db
        .selectFrom('batches')
        .select('purpose')
        .where('id', '=', result.batchId)
        .executeTakeFirstOrThrow()
      expect(batch.purpose).toBe('transactional')
      await handOver()
      expect(submittedTo(A)[0]?.body).toBe('Din kod: 1234')
    })

    it('refuses a marketing send when an opt-out is required and none can be added; nothing is stored', async () => {
      await desk.optOut.updateSettings(accountId, { requiredForMarketing: true })
      await expect(send({})).rejects.toMatchObject({
        code: 'InvalidRequest',
        details: { field: 'purpose', reason: 'opt_out_required' },
      })
      await expect(
        desk.messages.quote(accountId, { sender: 'Anna', body: 'x', recipients: [A] }),
      ).rejects.toMatchObject({
        code: 'InvalidRequest',
      })
      // The service switched off turns a link mode off as well.
      await desk.optOut.updateSettings(accountId, { mode: 'link' })
      await desk.optOut.setService(accountId, { link: false, reply: true })
      expect((await desk.optOut.settings(accountId)).effectiveMode).toBe('off')
      await expect(send({})).rejects.toMatchObject({ code: 'InvalidRequest' })
      expect(await desk.db.selectFrom('batches').select('id').execute()).toEqual([])
      expect(await desk.db.selectFrom('messages').select('id').execute()).toEqual([])
      expect(await desk.ledger.balance(accountId)).toEqual({ amount: 100_000, currency: 'SEK' })
    })

    it('refuses modes the account cannot use', async () => {
      const bare = (await desk.accounts.create({ name: 'Bare', balance: 1000 })).id
      await expect(desk.optOut.updateSettings(bare, { mode: 'link' })).rejects.toMatchObject({
        code: 'InvalidRequest',
      })
      await desk.optOut.setService(bare, { link: true, reply: true })
      await expect(desk.optOut.updateSettings(bare, { mode: 'reply' })).rejects.toThrow(/virtual number/)
      await expect(desk.optOut.updateSettings(bare, { linkText: { sv: 'Ingen länk här' } })).rejects.toThrow(
        /\{link\}/,
      )
    })

    it('the link in a submitted SMS, used, blocklists exactly that number for that account', async () => {
      const other = (await desk.accounts.create({ name: 'Other', balance: 10_000 })).id
      await desk.optOut.setService(other, { link: true, reply: false })
      await desk.optOut.updateSettings(other, { mode: 'link' })
      await desk.messages.send(other, { sender: 'Other', body: 'Hej', recipients: [A] })
      await desk.optOut.updateSettings(accountId, { mode: 'link' })
      await send({ recipients: [A, B] })
      await handOver()
      const sms = gateway.submitted.find((m) => m.recipient === A && m.sender === 'Anna')
      const token = sms?.body.match(/\/u\/([A-Za-z0-9_-]{24})$/)?.[1] ?? ''
      expect(await desk.optOut.use(token)).toEqual({ alreadyUsed: false })
      expect(await desk.blocklist.list(accountId)).toMatchObject([{ number: A, reason: 'opt_out_link' }])
      expect(await desk.blocklist.list(other)).toEqual([])
    })

    it('records the add-on periods with their dates and prices, outside the SMS ledger', async () => {
      const service = await desk.optOut.service(accountId)
      expect(service.current.link).toMatchObject({ yearlyPrice: { amount: 49_500, currency: 'SEK' } })
      expect(service.current.reply).toMatchObject({ yearlyPrice: { amount: 99_500, currency: 'SEK' } })
      const started = service.current.link?.startedAt ?? new Date(0)
      expect(service.current.link?.committedUntil.getUTCFullYear()).toBe(started.getUTCFullYear() + 1)
      const off = await desk.optOut.setService(accountId, { link: false, reply: true })
      expect(off.current.link).toBeNull()
      const ended = off.history.find((s) => s.service === 'link')
      expect(ended?.cancelledAt).not.toBeNull()
      // Cancelled in the first year: paid to the end of the commitment.
      expect(ended?.paidUntil).toEqual(ended?.committedUntil)
      expect((await desk.ledger.entries(accountId)).items.map((e) => e.kind)).toEqual(['top_up'])
    })

    describe('confirmation SMS', () => {
      beforeEach(async () => {
        await desk.optOut.updateSettings(accountId, { confirmations: true })
      })
      const stop = (from: string, body = 'STOP') =>
        desk.inbound.receive({ from, to: VIRTUAL, body, at: desk.clock.now() })
      const historyOf = async (n: string) => (await desk.messages.list(accountId, { recipient: n })).items

      it('confirms a STOP once, charged and in the history, and it reaches the gateway despite the block', async () => {
        await stop(A)
        const [confirmation] = await historyOf(A)
        expect(confirmation).toMatchObject({
          sender: VIRTUAL,
          body: 'Du är avregistrerad från Frisör Anna och får inga fler SMS därifrån. Ångrar du dig? Svara START.',
          optOut: 'confirmation',
          price: { amount: 49, currency: 'SEK' },
        })
        expect(await desk.ledger.balance(accountId)).toEqual({ amount: 100_000 - 49, currency: 'SEK' })
        await handOver()
        expect(submittedTo(A)).toHaveLength(1)
        // A second STOP the same day sends nothing more.
        await stop(A, 'stopp')
        expect(await historyOf(A)).toHaveLength(1)
      })

      it('sends none to a number the account had blocked already, nor for a link used twice', async () => {
        await desk.blocklist.add(accountId, B, 'manual')
        await stop(B)
        expect(await historyOf(B)).toEqual([])
        const token = await desk.optOut.token(accountId, A)
        await desk.optOut.use(token)
        await desk.optOut.use(token)
        expect((await historyOf(A)).map((m) => m.optOut)).toEqual(['confirmation'])
      })

      it('confirms START on another day, and none at all when the setting is off', async () => {
        await stop(A)
        desk.clock.advance(24 * 3_600_000)
        await stop(A, 'START')
        const bodies = (await historyOf(A)).map((m) => m.body)
        expect(bodies[0]).toBe('Du får SMS från Frisör Anna igen. Svara STOPP om du vill avregistrera dig.')
        expect(bodies).toHaveLength(2)
        await desk.optOut.updateSettings(accountId, { confirmations: false })
        await stop(B)
        expect(await historyOf(B)).toEqual([])
      })
    })
  })
}

describe('segments of the submitted text', () => {
  it('equal the counted ones for any body, with a link or a STOP text added', async () => {
    const desk = await createTestDesk('sqlite', { gateway: capturingGateway(), publicUrl: PUBLIC_URL })
    try {
      const accountId = (
        await desk.accounts.create({ name: 'Prop', balance: 100_000_000, virtualNumbers: [VIRTUAL] })
      ).id
      await desk.optOut.setService(accountId, { link: true, reply: true })
      const oracle = (text: string) => new SegmentedMessage(text).segmentsCount
      const gsm = fc.constantFrom(...'abcåäöÅÄÖ 0123456789.,!?€[]{}^~|\\\n@£$'.split(''))
      const any = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 })
      const bodies = fc.oneof(fc.string({ unit: gsm, minLength: 1, maxLength: 400 }), any)
      await fc.assert(
        fc.asyncProperty(
          bodies,
          fc.constantFrom('link', 'reply') as fc.Arbitrary<'link' | 'reply'>,
          async (body, mode) => {
            fc.pre(body.trim() !== '')
            await desk.optOut.updateSettings(accountId, { mode })
            const quote = await desk.messages.quote(accountId, { sender: 'Prop', body, recipients: [A] })
            const result = await desk.messages.send(accountId, { sender: 'Prop', body, recipients: [A] })
            const sent = result.messages[0]
            if (!sent) throw new Error('no message')
            expect(sent.body.startsWith(`${body}\n`)).toBe(true)
            expect(sent.segments).toBe(oracle(sent.body))
            expect(sent.segments).toBe(countSegments(sent.body).segments)
            expect(quote.segmentsPerMessage).toBe(sent.segments)
            expect(sent.price.amount).toBe(49 * sent.segments)
          },
        ),
        { numRuns: 60 },
      )
    } finally {
      await desk.close()
    }
  })
})
