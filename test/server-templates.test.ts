/** `/api/v1/templates` and templated sends over HTTP: validation, roles, other accounts 404. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './server-harness.ts'

for (const dialect of testDialects()) {
  describe(`templates API on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect)
    })
    afterEach(async () => {
      await h.close()
    })
    const save = (name: string, body: unknown, key = h.keys.sender) =>
      h.call('PUT', `/api/v1/templates/${name}`, { key, body })

    it('saves, lists, reads and deletes; names are case-insensitive', async () => {
      const saved = await save('Booking', { body: 'Hej {firstName|vän}! Din tid är {date}.' })
      expect(saved.status).toBe(200)
      expect(saved.body).toMatchObject({ name: 'booking', placeholders: ['firstName', 'date'] })
      const list = await h.call('GET', '/api/v1/templates', { key: h.keys.viewer })
      expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(['booking'])
      expect((await h.call('GET', '/api/v1/templates/BOOKING', { key: h.keys.viewer })).body.body).toBe(
        'Hej {firstName|vän}! Din tid är {date}.',
      )
      expect((await h.call('DELETE', '/api/v1/templates/booking', { key: h.keys.sender })).status).toBe(204)
      expect((await h.call('GET', '/api/v1/templates/booking', { key: h.keys.viewer })).status).toBe(404)
    })

    it('validates names and bodies, and refuses viewers', async () => {
      expect((await save('bad%20name', { body: 'x' })).body.error.code).toBe('InvalidRequest')
      expect((await save('ok', { body: '' })).status).toBe(422)
      expect((await save('ok', { body: 'x', extra: 1 })).status).toBe(422)
      expect((await save('ok', { body: 'x' }, h.keys.viewer)).status).toBe(403)
      expect((await h.call('DELETE', '/api/v1/templates/ok', { key: h.keys.viewer })).status).toBe(403)
    })

    it('keeps each account’s templates its own: another account gets 404', async () => {
      await save('booking', { body: 'Hej {firstName}!' })
      const o = h.keys.other
      expect((await h.call('GET', '/api/v1/templates/booking', { key: o })).status).toBe(404)
      expect((await h.call('DELETE', '/api/v1/templates/booking', { key: o })).status).toBe(404)
      expect((await h.call('GET', '/api/v1/templates', { key: o })).body.items).toEqual([])
      const send = await h.call('POST', '/api/v1/messages', {
        key: o,
        body: { sender: 'Anna', recipients: ['+46701234201'], template: 'booking' },
      })
      expect(send.status).toBe(404)
    })

    it('sends a template filled per recipient, with variables, and refuses body and template together', async () => {
      await h.call('POST', '/api/v1/contacts', { body: { number: '+46701234201', firstName: 'Ada' } })
      await save('booking', { body: 'Hej {firstName}! Din tid är {date}.' })
      const sent = await h.call('POST', '/api/v1/messages', {
        key: h.keys.sender,
        body: {
          sender: 'Anna',
          recipients: ['+46701234201', '+46701234202'],
          template: 'booking',
          variables: { date: 'fredag 14:00' },
          purpose: 'transactional',
        },
      })
      expect(sent.status).toBe(202)
      const codes = sent.body.messages.map((m: { recipient: string; status: { code: number } }) => [
        m.recipient,
        m.status.code,
      ])
      expect(codes).toEqual([
        ['+46701234201', 103],
        ['+46701234202', 408],
      ])
      const first = await h.call('GET', `/api/v1/messages/${sent.body.messages[0].id}`, {
        key: h.keys.viewer,
      })
      expect(first.body.body).toBe('Hej Ada! Din tid är fredag 14:00.')
      const both = await h.call('POST', '/api/v1/messages', {
        key: h.keys.sender,
        body: { sender: 'Anna', recipients: ['+46701234201'], body: 'x', template: 'booking' },
      })
      expect(both.status).toBe(422)
    })
  })
}
