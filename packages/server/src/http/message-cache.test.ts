/** The look-up cache against a real Desk: dropped by every status this process records, bounded for the others. */
import { createDesk, type Desk } from '@smsdesk/core'
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMessageCache } from './message-cache.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

for (const dialect of testDialects()) {
  describe(`message look-up cache on ${dialect}`, () => {
    let desk: TestDesk
    let accountId: string
    beforeEach(async () => {
      desk = await createTestDesk(dialect)
      accountId = (await desk.accounts.create({ name: 'Cache AB', balance: 10_000 })).id
    })
    afterEach(() => desk.close())

    /** A scheduled message: not final, and nothing changes it until the test does. */
    async function scheduled(): Promise<string> {
      const sendAt = new Date(desk.clock.now().getTime() + 3_600_000)
      const sent = await desk.messages.send(accountId, {
        sender: 'Cache',
        recipients: ['+46701234561'],
        body: 'Hej',
        sendAt,
      })
      return sent.messages[0]!.id
    }

    it('answers a repeated look-up of a message on its way, and drops it when this process records a status', async () => {
      const cache = createMessageCache(desk)
      const id = await scheduled()
      cache.set(accountId, id, '{"status":103}', performance.now(), false)
      expect(cache.get(accountId, id)).toBe('{"status":103}')
      expect(cache.get('acc_someone_else', id)).toBeUndefined()
      await desk.messages.cancel(accountId, id)
      expect(cache.get(accountId, id)).toBeUndefined()
    })

    it('refuses to keep a read that a status change overtook', async () => {
      const cache = createMessageCache(desk)
      const id = await scheduled()
      const readAt = performance.now()
      await desk.messages.cancel(accountId, id)
      cache.set(accountId, id, '{"status":103}', readAt, false)
      expect(cache.get(accountId, id)).toBeUndefined()
      cache.set(accountId, id, '{"status":203}', performance.now(), true)
      expect(cache.get(accountId, id)).toBe('{"status":203}')
    })

    // A second Desk on the same database stands for another server.
    it(
      dialect === 'postgres'
        ? "drops an entry as soon as another process's change is heard (PostgreSQL carries it)"
        : "sees another process's change within the short bound for a message on its way, the longer one once final",
      async () => {
        const postgres = dialect === 'postgres'
        const cache = createMessageCache(desk, postgres ? { ttlMs: 60_000 } : { ttlMs: 60, finalTtlMs: 600 })
        const elsewhere: Desk = await createDesk({ database: desk.url })
        try {
          const onItsWay = await scheduled()
          const final = await scheduled()
          await desk.messages.cancel(accountId, final)
          cache.set(accountId, onItsWay, 'on its way', performance.now(), false)
          cache.set(accountId, final, 'final', performance.now(), true)
          await elsewhere.messages.cancel(accountId, onItsWay)
          if (postgres) {
            const deadline = Date.now() + 5_000
            while (cache.get(accountId, onItsWay) !== undefined && Date.now() < deadline) await sleep(5)
          } else {
            // SQLite has no channel between processes: the entry answers until its bound runs out.
            expect(cache.get(accountId, onItsWay)).toBe('on its way')
            await sleep(120)
          }
          expect(cache.get(accountId, onItsWay)).toBeUndefined()
          expect(cache.get(accountId, final)).toBe('final')
        } finally {
          await elsewhere.close()
        }
      },
    )

    it('keeps at most maxEntries, dropping the oldest first', async () => {
      const cache = createMessageCache(desk, { maxEntries: 2 })
      const at = performance.now()
      cache.set(accountId, 'msg_a', 'a', at, true)
      cache.set(accountId, 'msg_b', 'b', at, true)
      cache.set(accountId, 'msg_b', 'b2', at, true)
      cache.set(accountId, 'msg_c', 'c', at, true)
      expect(cache.get(accountId, 'msg_a')).toBeUndefined()
      expect(cache.get(accountId, 'msg_b')).toBe('b2')
      expect(cache.get(accountId, 'msg_c')).toBe('c')
    })
  })
}
