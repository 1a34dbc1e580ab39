/**
 * The opt-out service over HTTP: settings (read by anyone on the account, changed by admins), a send that says per
 * message whether an opt-out was added, a quote showing the final text, and the link in the SMS used on its page.
 */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness, VIRTUAL_NUMBER } from './server-harness.ts'

const RECIPIENT = '+46701234567'

for (const dialect of testDialects()) {
  describe(`opt-out settings API on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect)
      await h.desk.optOut.setService(h.accountId, { link: true, reply: true })
    })
    afterEach(() => h.close())

    it('shows the defaults to a viewer and lets only an admin change them', async () => {
      const got = await h.call('GET', '/api/v1/opt-out-settings', { key: h.keys.viewer })
      expect(got.status).toBe(200)
      expect(got.body).toMatchObject({
        mode: 'off',
        effectiveMode: 'off',
        lang: 'sv',
        linkText: { sv: 'Avregistrera: {link}', en: 'Unsubscribe: {link}' },
        requiredForMarketing: false,
        services: { link: true, reply: true },
        virtualNumber: VIRTUAL_NUMBER,
      })
      const denied = await h.call('PUT', '/api/v1/opt-out-settings', {
        key: h.keys.sender,
        body: { mode: 'link' },
      })
      expect(denied.status).toBe(403)
      const bad = await h.call('PUT', '/api/v1/opt-out-settings', {
        body: { linkText: { sv: 'Ingen länk' } },
      })
      expect(bad.status).toBe(422)
      expect(bad.body.error.message).toMatch(/\{link\}/)
      const put = await h.call('PUT', '/api/v1/opt-out-settings', {
        body: { mode: 'reply', replyText: { sv: 'Svara STOPP för att avregistrera' } },
      })
      expect(put.status).toBe(200)
      expect(put.body).toMatchObject({ mode: 'reply', replyText: { sv: 'Svara STOPP för att avregistrera' } })
    })

    it('sends with the link, says so per message, and the link in the SMS blocks exactly that number', async () => {
      await h.call('PUT', '/api/v1/opt-out-settings', { body: { mode: 'link' } })
      const body = 'a'.repeat(150)
      const quote = await h.call('POST', '/api/v1/messages/quote', {
        body: { sender: 'Anna', recipients: [RECIPIENT], body },
      })
      expect(quote.status).toBe(200)
      expect(quote.body).toMatchObject({ segmentsPerMessage: 2, optOut: { mode: 'link', addedSegments: 1 } })
      expect(quote.body.optOut.example).toMatch(/^a{150}\nAvregistrera: https:\/\/sms\.example\.test\/u\//)

      const sent = await h.call('POST', '/api/v1/messages', {
        body: { sender: 'Anna', recipients: [RECIPIENT, '+46701234568'], body },
      })
      expect(sent.status).toBe(202)
      expect(sent.body.messages).toMatchObject([
        { optOut: 'link', optOutAdded: true, segments: 2, price: { amount: 98 } },
        { optOut: 'link', optOutAdded: true, segments: 2, price: { amount: 98 } },
      ])
      const message = await h.call('GET', `/api/v1/messages/${sent.body.messages[0].id}`)
      const url = message.body.body.split('\n').at(-1).replace('Avregistrera: ', '')
      const path = new URL(url).pathname
      expect((await h.call('GET', path, { key: null })).status).toBe(200)
      const done = await h.call('POST', path, { key: null })
      expect(done.text).toMatch(/Klart!/)
      const blocked = await h.call('GET', '/api/v1/blocklist')
      expect(blocked.body.items).toMatchObject([{ number: message.body.recipient, reason: 'opt_out_link' }])
      expect((await h.call('GET', '/api/v1/blocklist', { key: h.keys.other })).body.items).toEqual([])
    })

    it('a transactional send has no opt-out; a required one refuses marketing with mode off', async () => {
      await h.call('PUT', '/api/v1/opt-out-settings', { body: { requiredForMarketing: true } })
      const refused = await h.call('POST', '/api/v1/messages', {
        body: { sender: 'Anna', recipients: [RECIPIENT], body: 'Rea!' },
      })
      expect(refused.status).toBe(422)
      expect(refused.body.error.message).toMatch(/requires an opt-out/)
      expect(await h.messageCount()).toBe(0)
      const ok = await h.call('POST', '/api/v1/messages', {
        body: { sender: 'Anna', recipients: [RECIPIENT], body: 'Din tid är 14:30', purpose: 'transactional' },
      })
      expect(ok.status).toBe(202)
      expect(ok.body.messages[0]).toMatchObject({ optOut: null, optOutAdded: false })
    })
  })
}
