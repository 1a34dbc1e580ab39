/** A send above LARGE_SEND_MESSAGES answers with the batch's totals, a count per status and a link to page through it. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './server-harness.ts'

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+4670${String(i).padStart(7, '0')}`)

for (const dialect of testDialects()) {
  describe(`large sends on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect)
    })
    afterEach(() => h?.close())

    const send = (recipients: string[]) =>
      h.call('POST', '/api/v1/messages', {
        key: h.keys.sender,
        body: { sender: 'Anna', body: 'Hej! Din tid är bokad.', recipients },
      })

    it('lists every message up to 1,000', async () => {
      const res = await send(numbers(1_000))
      expect(res.status).toBe(202)
      expect(res.body.messages).toHaveLength(1_000)
      expect(res.body.byStatus).toBeUndefined()
      expect(res.body.messagesUrl).toBeUndefined()
    })

    it('above 1,000 answers with counts per status and a link that pages through every message', async () => {
      const res = await send([...numbers(1_001), '12'])
      expect(res.status).toBe(202)
      expect(res.body.messages).toEqual([])
      // The demo balance covers none of them: the batch is all-or-nothing.
      expect(res.body.byStatus).toEqual([
        { code: 402, name: 'InsufficientFunds', count: 1_001 },
        { code: 409, name: 'InvalidRecipient', count: 1 },
      ])
      expect(res.body.messagesUrl).toBe(`/api/v1/messages?batchId=${res.body.batchId}`)
      const seen = new Set<string>()
      for (let cursor: string | null = null; ; ) {
        const page = await h.call(
          'GET',
          `${res.body.messagesUrl}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
          {
            key: h.keys.viewer,
          },
        )
        expect(page.status).toBe(200)
        for (const m of page.body.items as { id: string; batchId: string }[]) {
          expect(m.batchId).toBe(res.body.batchId)
          seen.add(m.id)
        }
        cursor = page.body.nextCursor
        if (cursor === null) break
      }
      expect(seen.size).toBe(1_002)
    })
  })
}
