/**
 * The move of message histories from a table-wide id to a per-message place (2026-12-08): a store written before it
 * reads every history in the same order after it, and steps recorded afterwards come last.
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { migrations } from './migrations/index.ts'
import { testDialects } from './testing.ts'

const MIGRATION = '2026-12-08-message-history-by-message'
/** Later, the history moved into the message's row: taken back first, and brought forward again before reading. */
const IN_ROW = '2026-12-13-history-in-message-row'

describe.each(testDialects())('message history migration on %s', (dialect) => {
  let desk: TestDesk | undefined

  afterEach(async () => {
    await desk?.close()
    desk = undefined
  })

  it('keeps each history in recording order, and numbers new steps after it', async () => {
    desk = await createTestDesk(dialect)
    const account = await desk.accounts.create({ name: 'Old store', balance: 1_000 })
    const sent = await desk.messages.send(account.id, {
      sender: 'Old',
      recipients: ['+46701000001', '+46701000002'],
      body: 'Before',
    })
    const [first, second] = sent.messages.map((m) => m.id) as [string, string]
    const migration = migrations[MIGRATION]
    const inRow = migrations[IN_ROW]
    if (!migration?.down || !inRow?.down) throw new Error(`${MIGRATION} or ${IN_ROW} has no down`)
    // Back to the table-wide id, then steps recorded out of code order and interleaved between the two messages.
    await inRow.down(desk.db)
    await migration.down(desk.db)
    const at = (s: number) => `2026-12-01T10:00:0${s}.000Z`
    for (const [messageId, code, s] of [
      [first, 114, 1],
      [second, 111, 2],
      [first, 112, 3],
      [first, 111, 4],
    ] as const)
      await sql`insert into "message_statuses" ("message_id", "code", "at", "detail")
        values (${messageId}, ${code}, ${at(s)}, ${null})`.execute(desk.db)
    await migration.up(desk.db)

    const { rows } = await sql<{ code: number; seq: number }>`select "code", "seq" from "message_statuses"
      where "message_id" = ${first} order by "seq"`.execute(desk.db)
    expect(rows.map((r) => [Number(r.code), Number(r.seq)])).toEqual([
      [101, 1],
      [102, 2],
      [103, 3],
      [114, 4],
      [112, 5],
      [111, 6],
    ])
    await inRow.up(desk.db)
    const codes = async (id: string) =>
      (await desk?.messages.get(account.id, id))?.statuses.map((h) => h.code)
    expect(await codes(first)).toEqual([101, 102, 103, 114, 112, 111])
    expect(await codes(second)).toEqual([101, 102, 103, 111])

    // A step recorded now comes after the migrated ones; a code already there is still not recorded twice.
    expect(
      await desk.messages.recordDeliveryReport({ messageId: first, code: 113, at: desk.clock.now() }),
    ).toBe('recorded')
    expect(
      await desk.messages.recordDeliveryReport({ messageId: first, code: 112, at: desk.clock.now() }),
    ).toBe('duplicate')
    const detail = await desk.messages.get(account.id, first)
    expect(detail.statuses.map((h) => h.code)).toEqual([101, 102, 103, 114, 112, 111, 113])
    expect(detail.statuses[3]?.at.toISOString()).toBe(at(1))
    // The send's own steps keep no time of their own, and read with the message's.
    expect(detail.statuses.slice(0, 3).map((s) => s.at.toISOString())).toEqual(
      Array(3).fill(detail.createdAt.toISOString()),
    )
  })
})
