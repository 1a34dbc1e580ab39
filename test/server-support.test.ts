/** The widget's public support routes: limits, honeypot, oversized and HTML bodies, guessed tokens, SSE, SMS fallback. */

import { testDialects } from '@smsdesk/core/testing'
import { createLogger } from '@smsdesk/server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSmsFallback } from '../packages/server/src/support-chat/sms-fallback.ts'
import { createOpenStreams } from '../packages/server/src/support-chat/streams.ts'
import { eventually, type Harness, startHarness } from './server-harness.ts'

const TOKEN = 'X-Conversation-Token'
const question = {
  question: 'Kan jag skicka till USA?',
  name: 'Anna',
  email: 'anna@example.com',
  mobile: '0701234567',
  smsConsent: true,
  lang: 'sv',
  page: 'https://shop.example/help',
  recentSearches: ['usa', '+1-nummer'],
}

async function conversations(h: Harness): Promise<number> {
  return (await h.desk.db.selectFrom('support_conversations').select('id').execute()).length
}

for (const dialect of testDialects()) {
  describe(`support routes on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect, { SUPPORT_ENABLED: '1', SUPPORT_RATE_LIMIT_PER_MINUTE: '8' })
    })
    afterEach(async () => {
      await h.close()
    })
    const start = (body: unknown) => h.call('POST', '/api/v1/support/conversations', { key: null, body })

    it('starts, adds, reads and deletes a conversation by header token, never logging the token', async () => {
      const started = await start(question)
      expect(started.status).toBe(201)
      const token: string = started.body.token
      await h.desk.support.staffReply(started.body.conversationId, { text: 'Ja!', staffName: 'Sara' })
      await h.desk.support.staffReply(started.body.conversationId, {
        text: '#note internt',
        staffName: 'Sara',
        internal: true,
      })
      const added = await h.call('POST', '/api/v1/support/conversation/messages', {
        key: null,
        headers: { [TOKEN]: token },
        body: { text: 'Tack' },
      })
      expect(added.status).toBe(201)
      const read = await h.call('GET', '/api/v1/support/conversation', {
        key: null,
        headers: { [TOKEN]: token },
      })
      expect(read.body.messages.map((m: { text: string }) => m.text)).toEqual([
        'Kan jag skicka till USA?',
        'Ja!',
        'Tack',
      ])
      const gone = await h.call('DELETE', '/api/v1/support/conversation', {
        key: null,
        headers: { [TOKEN]: token },
      })
      expect(gone.status).toBe(204)
      expect(await conversations(h)).toBe(0)
      expect(h.logs.join('\n')).not.toContain(token)
    })

    it('refuses HTML, oversized and broken bodies with stable codes, stores nothing, never a 5xx', async () => {
      const html = await start({ ...question, question: 'hej <script>alert(1)</script>' })
      expect([html.status, html.body.error.code]).toEqual([422, 'InvalidContent'])
      const big = await h.call('POST', '/api/v1/support/conversations', {
        key: null,
        raw: JSON.stringify({ ...question, question: 'x'.repeat(20_000) }),
      })
      expect([big.status, big.body.error.code]).toEqual([413, 'PayloadTooLarge'])
      const broken = await h.call('POST', '/api/v1/support/conversations', { key: null, raw: '{nope' })
      expect(broken.status).toBe(422)
      const notObject = await start([1, 2])
      expect(notObject.status).toBeLessThan(500)
      const noContact = await start({ ...question, email: '', mobile: '' })
      expect(noContact.status).toBe(422)
      expect(await conversations(h)).toBe(0)
    })

    it('answers a filled honeypot as if accepted and stores nothing', async () => {
      const bot = await start({ ...question, website: 'https://spam.example' })
      expect(bot.status).toBe(201)
      expect(bot.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(await conversations(h)).toBe(0)
      const read = await h.call('GET', '/api/v1/support/conversation', {
        key: null,
        headers: { [TOKEN]: bot.body.token },
      })
      expect(read.status).toBe(404)
    })

    it('answers guessed or missing tokens with 404 and stores nothing', async () => {
      await start(question)
      for (const guess of ['', 'A'.repeat(43), '../../etc']) {
        const headers = guess ? { [TOKEN]: guess } : undefined
        const read = await h.call('GET', '/api/v1/support/conversation', {
          key: null,
          ...(headers ? { headers } : {}),
        })
        expect(read.status).toBe(404)
        const add = await h.call('POST', '/api/v1/support/conversation/messages', {
          key: null,
          ...(headers ? { headers } : {}),
          body: { text: 'hi' },
        })
        expect(add.status).toBe(404)
      }
      expect((await h.desk.db.selectFrom('support_messages').select('id').execute()).length).toBe(1)
    })

    it('limits requests per IP and per conversation with 429 and Retry-After', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 10; i++) statuses.push((await start({ ...question, website: 'x' })).status)
      expect(statuses.slice(0, 8).every((s) => s === 201)).toBe(true)
      const refused = await start(question)
      expect(refused.status).toBe(429)
      expect(refused.headers.get('Retry-After')).toBeTruthy()
      expect(await conversations(h)).toBe(0)
    })

    it('pushes a staff reply over the event stream, but no internal note', async () => {
      const { token, conversationId } = (await start(question)).body
      const res = await h.app.request('/api/v1/support/conversation/events', { headers: { [TOKEN]: token } })
      expect(res.headers.get('content-type')).toContain('text/event-stream')
      const reader = res.body!.getReader()
      const decoder = new TextDecoder()
      let text = ''
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) text += decoder.decode((await reader.read()).value)
      }
      await readUntil('event: ready')
      await h.desk.support.staffReply(conversationId, { text: '#note x', staffName: 'Sara', internal: true })
      await h.desk.support.staffReply(conversationId, { text: 'Hej Anna', staffName: 'Sara' })
      await readUntil('Hej Anna')
      expect(text).not.toContain('#note')
      await reader.cancel()
    })

    it('texts a staff reply from the provider account when the customer has left and agreed', async () => {
      const streams = createOpenStreams()
      const off = startSmsFallback(h.desk, {
        account: h.otherAccountId,
        streams,
        logger: createLogger('silent'),
      })
      const before = await h.desk.ledger.balance(h.otherAccountId)
      const { conversationId } = (await start(question)).body
      const watched = streams.open(conversationId)
      await h.desk.support.staffReply(conversationId, { text: 'Live svar', staffName: 'Sara' })
      watched()
      await h.desk.support.staffReply(conversationId, {
        text: '#note nej',
        staffName: 'Sara',
        internal: true,
      })
      await h.desk.support.staffReply(conversationId, { text: 'Ja, det går.', staffName: 'Sara' })
      const sent = await eventually(async () => {
        const page = await h.desk.messages.list(h.otherAccountId)
        return page.items.length > 0 ? page.items : undefined
      })
      off()
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({ recipient: '+46701234567' })
      expect(sent[0]!.body).toContain('Ja, det går.')
      expect((await h.desk.ledger.balance(h.otherAccountId)).amount).toBeLessThan(before.amount)
    })
  })
}
