/** Status events between two Desks on one PostgreSQL database, as between two servers (when the run has PostgreSQL). */
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDesk } from '../desk/create-desk.ts'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import type { Desk, StatusChangeEvent } from '../desk.ts'
import { testDialects } from './testing.ts'

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await wait(5)
  }
}

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`status events between processes on ${dialect}`, () => {
    let here: TestDesk
    let there: Desk
    let heard: StatusChangeEvent[]
    let accountId: string

    beforeEach(async () => {
      here = await createTestDesk(dialect)
      there = await createDesk({ database: here.url })
      heard = []
      here.events.onStatusChange((e) => heard.push(e))
      accountId = (await here.accounts.create({ name: 'Two servers', balance: 100_000 })).id
    })
    afterEach(async () => {
      await there.close()
      await here.close()
    })

    const schedule = async (count: number) => {
      const sent = await here.messages.send(accountId, {
        sender: 'Anna',
        recipients: Array.from({ length: count }, (_, i) => `+4670123${String(4000 + i)}`),
        body: 'Hej',
        sendAt: new Date(here.clock.now().getTime() + 3_600_000),
      })
      return sent.messages.map((m) => m.id)
    }

    it("hears another process's status changes as its own, with what each means", async () => {
      const [id] = await schedule(1)
      const canceled = await there.messages.cancel(accountId, id!)
      await until(() => heard.some((e) => e.code === 203))
      const event = heard.find((e) => e.code === 203)!
      expect(event).toEqual({
        accountId,
        messageId: id,
        batchId: canceled.batchId,
        recipient: canceled.recipient,
        code: 203,
        name: 'Canceled',
        final: true,
        at: expect.any(Date),
      })
      // 104 Refunded comes first, as recorded.
      expect(heard.map((e) => e.code)).toEqual([104, 203])
    })

    it('hears its own changes once, not again from the database', async () => {
      const [id] = await schedule(1)
      await here.messages.cancel(accountId, id!)
      await wait(300)
      expect(heard.map((e) => e.code)).toEqual([104, 203])
    })

    it('listens again after its connection is cut, and hears what comes after', async () => {
      const [id] = await schedule(1)
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(here.db)
      const name = `smsdesk_status:${rows[0]!.schema}`
      // The listening backends of this schema that have run their LISTEN (idle after it).
      const listening = async () => {
        const { rows: found } = await sql<{ pid: number }>`select pid from pg_stat_activity
          where application_name = ${name} and state = 'idle' and query ilike 'listen %'`.execute(here.db)
        return found.map((r) => r.pid)
      }
      // Both desks listen on this schema's channel: cut both connections, as a database restart would.
      const before = await listening()
      expect(before).toHaveLength(2)
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`.execute(
        here.db,
      )
      // Reconnects back off 250 ms, 1 s, 5 s: a busy server that refuses the first two still makes it within 15 s.
      // The cut backends may still be listed while they exit, so wait for two new ones.
      const deadline = Date.now() + 15_000
      const renewed = async () => {
        const now = await listening()
        return now.length === 2 && now.every((pid) => !before.includes(pid))
      }
      while (!(await renewed()) && Date.now() < deadline) await wait(50)
      expect(await renewed()).toBe(true)
      await there.messages.cancel(accountId, id!)
      await until(() => heard.some((e) => e.messageId === id && e.code === 203))
    })

    it('carries a change of many messages, split over several notifications', async () => {
      const ids = await schedule(300)
      const expired = new Set<string>()
      there.events.onStatusChange((e) => {
        if (e.code === 202) expired.add(e.messageId)
      })
      here.clock.advance(80 * 3_600_000)
      expect(await here.messages.expireOverdue()).toBe(300)
      await until(() => expired.size === ids.length)
      expect([...expired].sort()).toEqual([...ids].sort())
    })
  })
}

// SQLite has no channel between processes (documented): two Desks on one file each hear only their own changes.
describe('status events between processes on sqlite', () => {
  it('are not carried: each Desk hears only the changes it records itself', async () => {
    const here = await createTestDesk('sqlite')
    const there = await createDesk({ database: here.url })
    try {
      const heard: StatusChangeEvent[] = []
      here.events.onStatusChange((e) => heard.push(e))
      const accountId = (await here.accounts.create({ name: 'One file', balance: 10_000 })).id
      const sendAt = new Date(here.clock.now().getTime() + 3_600_000)
      const sent = await here.messages.send(accountId, {
        sender: 'Anna',
        recipients: ['+46701234001'],
        body: 'Hej',
        sendAt,
      })
      await there.messages.cancel(accountId, sent.messages[0]!.id)
      await wait(100)
      expect(heard).toEqual([])
      expect((await here.messages.get(accountId, sent.messages[0]!.id)).status.code).toBe(203)
    } finally {
      await there.close()
      await here.close()
    }
  })
})
