/**
 * The move of message histories into the message's row (2026-12-13): every step comes through with its code, time
 * and detail, in recording order, both ways, on both stores; steps recorded afterwards come last and a code already
 * there is still not recorded twice.
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { parseHistory } from '../messages/history.ts'
import { migrations } from './migrations/index.ts'
import { testDialects } from './testing.ts'

const MIGRATION = '2026-12-13-history-in-message-row'

describe.each(testDialects())('history in the message row, migration on %s', (dialect) => {
  let desk: TestDesk | undefined

  afterEach(async () => {
    await desk?.close()
    desk = undefined
  })

  it('copies every history in order, both ways, and records after it', async () => {
    desk = await createTestDesk(dialect)
    const account = await desk.accounts.create({ name: 'Moved', balance: 1_000 })
    const sent = await desk.messages.send(account.id, {
      sender: 'Moved',
      recipients: ['+46701000001', '+46701000002', 'not a number'],
      body: 'Historik',
    })
    const [first, second, rejected] = sent.messages.map((m) => m.id) as [string, string, string]
    const at = (s: number) => new Date(`2026-12-01T10:00:0${s}.000Z`)
    // A report for a message not yet handed over implies the hand-over first (a step with a detail); then one out of
    // code order.
    await desk.messages.recordDeliveryReport({ messageId: first, code: 114, at: at(1) })
    await desk.messages.recordDeliveryReport({ messageId: first, code: 113, at: at(2) })
    await desk.messages.recordDeliveryReport({ messageId: second, code: 201, at: at(3) })
    const ids = [first, second, rejected]
    const read = async () => Promise.all(ids.map((id) => desk?.messages.get(account.id, id)))
    const before = await read()
    expect(before[0]?.statuses.map((s) => s.code)).toEqual([101, 102, 103, 111, 114, 113])
    expect(before[0]?.statuses[3]?.detail).toBe('Implied by a report from the gateway')
    expect(before[2]?.statuses.map((s) => s.code)).toEqual([101, 409])

    const stored = async (id: string) =>
      (
        await sql<{ history: string }>`select "history" from "messages" where "id" = ${id}`.execute(
          desk?.db as TestDesk['db'],
        )
      ).rows[0]?.history ?? ''
    const written = await stored(first)

    const migration = migrations[MIGRATION]
    if (!migration?.down) throw new Error(`${MIGRATION} has no down`)
    await migration.down(desk.db)
    const { rows } = await sql<{ code: number; seq: number; at: string | null; detail: string | null }>`
      select "code", "seq", "at", "detail" from "message_statuses" where "message_id" = ${first}
      order by "seq"`.execute(desk.db)
    expect(rows.map((r) => [Number(r.code), Number(r.seq), r.at, r.detail])).toEqual([
      [101, 1, null, null],
      [102, 2, null, null],
      [103, 3, null, null],
      [111, 4, at(1).toISOString(), 'Implied by a report from the gateway'],
      [114, 5, at(1).toISOString(), null],
      [113, 6, at(2).toISOString(), null],
    ])
    const columns = await sql<{ name: string }>`${
      dialect === 'postgres'
        ? sql`select "column_name" as "name" from "information_schema"."columns"
            where "table_schema" = current_schema() and "table_name" = 'messages'`
        : sql`select "name" from pragma_table_info('messages')`
    }`.execute(desk.db)
    expect(columns.rows.map((c) => c.name)).not.toContain('history')

    // A step as an older store may hold it, with a detail that needs escaping in JSON.
    const tricky = 'Gatewayn sa "ok", \\ – åäö\n[]'
    await sql`insert into "message_statuses" ("message_id", "code", "seq", "at", "detail")
      values (${second}, ${401}, ${6}, ${at(4).toISOString()}, ${tricky})`.execute(desk.db)

    await migration.up(desk.db)
    // Stored as the code writes it (no trailing nulls); PostgreSQL's JSON text only spaces it differently.
    const migrated = await stored(first)
    expect(parseHistory(migrated)).toEqual(parseHistory(written))
    if (dialect === 'sqlite') expect(migrated).toBe(written)
    expect(migrated).not.toContain('null')
    const moved = await read()
    expect(moved[1]?.statuses.map((s) => s.code)).toEqual([101, 102, 103, 111, 201, 401])
    expect(moved[1]?.statuses[5]).toEqual({ code: 401, name: expect.any(String), at: at(4), detail: tricky })
    moved[1]?.statuses.pop()
    expect(moved).toEqual(before)
    await expect(sql`select 1 from "message_statuses"`.execute(desk.db)).rejects.toThrow()

    expect(
      await desk.messages.recordDeliveryReport({ messageId: first, code: 201, at: desk.clock.now() }),
    ).toBe('recorded')
    expect(
      await desk.messages.recordDeliveryReport({ messageId: first, code: 114, at: desk.clock.now() }),
    ).toBe('duplicate')
    const after = await desk.messages.get(account.id, first)
    expect(after.statuses.map((s) => s.code)).toEqual([101, 102, 103, 111, 114, 113, 201])
    expect(after.status.code).toBe(201)
  })
})
