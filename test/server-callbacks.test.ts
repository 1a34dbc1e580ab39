/** `GET /api/v1/callbacks` and `POST /api/v1/callbacks/:id/redeliver`: per account, by role, with attempts and errors. */
import { newCallbackSecret } from '@smsdesk/core'
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './server-harness.ts'

for (const dialect of testDialects()) {
  describe(`status-callback deliveries on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect)
    })
    afterEach(() => h.close())

    it('lists deliveries with attempts and the last error, filters them, and redelivers one', async () => {
      const sent = await h.call('POST', '/api/v1/messages', {
        key: h.keys.sender,
        body: {
          sender: 'Anna',
          body: 'Hej',
          recipients: ['+46701234201'],
          statusCallbackUrl: 'https://hooks.example.test/smsdesk',
        },
      })
      expect(sent.status).toBe(202)
      const messageId: string = sent.body.messages[0].id
      const posts: string[] = []
      const failing = (async (url: string) => {
        posts.push(url)
        return new Response('down', { status: 503 })
      }) as typeof fetch
      const delivery = h.desk.callbacks.start({
        secret: newCallbackSecret(),
        fetch: failing,
        allowPrivateNetworks: true,
        jitter: 0,
        pollMs: 60_000,
      })
      expect(await delivery.runOnce()).toBeGreaterThan(0)

      const list = await h.call('GET', `/api/v1/callbacks?messageId=${messageId}`, { key: h.keys.viewer })
      expect(list.status).toBe(200)
      const first = list.body.items.at(-1)
      expect(first).toMatchObject({
        messageId,
        url: 'https://hooks.example.test/smsdesk',
        state: 'pending',
        attempts: 1,
        lastError: 'HTTP 503',
      })
      expect(Date.parse(first.nextAttemptAt) - h.desk.clock.now().getTime()).toBe(5_000)
      expect((await h.call('GET', '/api/v1/callbacks?status=delivered')).body.items).toEqual([])
      expect((await h.call('GET', '/api/v1/callbacks?status=pending')).body.items.length).toBeGreaterThan(0)
      expect((await h.call('GET', '/api/v1/callbacks?status=lost')).status).toBe(422)

      // Other accounts see nothing and cannot touch it; a viewer may look but not redeliver.
      expect((await h.call('GET', '/api/v1/callbacks', { key: h.keys.other })).body.items).toEqual([])
      const path = `/api/v1/callbacks/${first.id}/redeliver`
      expect((await h.call('POST', path, { key: h.keys.other })).status).toBe(404)
      expect((await h.call('POST', path, { key: h.keys.viewer })).status).toBe(403)
      expect((await h.call('POST', '/api/v1/callbacks/whd_nope/redeliver')).status).toBe(404)

      const again = await h.call('POST', path, { key: h.keys.sender })
      expect(again.status).toBe(202)
      expect(again.body).toMatchObject({ id: first.id, state: 'pending', attempts: 1 })
      expect(again.body.nextAttemptAt).toBe(h.desk.clock.now().toISOString())
      const before = posts.length
      await delivery.runOnce()
      expect(posts.length).toBeGreaterThan(before)
      await delivery.stop()
    })
  })
}
