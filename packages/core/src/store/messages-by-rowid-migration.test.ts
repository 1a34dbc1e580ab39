/**
 * The messages table back to a rowid on SQLite (2026-12-14): every message, column and index comes through, both
 * ways, and the store keeps taking sends and steps. (On PostgreSQL the migration does nothing.)
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { migrations } from './migrations/index.ts'
import { messagesIndexes, messagesTableSql } from './testing.ts'

const MIGRATION = '2026-12-14-messages-stored-by-rowid'

describe('messages stored by rowid (SQLite)', () => {
  let desk: TestDesk | undefined

  afterEach(async () => {
    await desk?.close()
    desk = undefined
  })

  const stored = async (db: TestDesk['db']) =>
    (await sql`select * from "messages" order by "id"`.execute(db)).rows

  it('keeps every message and index, goes back the same way, and takes sends after', async () => {
    desk = await createTestDesk('sqlite')
    const account = await desk.accounts.create({ name: 'Rowid', balance: 1_000 })
    const sent = await desk.messages.send(account.id, {
      sender: 'Rowid',
      recipients: ['+46701000001', '+46701000002', 'not a number'],
      body: 'Före och efter',
    })
    await desk.messages.recordDeliveryReport({
      messageId: sent.messages[0]?.id as string,
      code: 201,
      at: desk.clock.now(),
    })
    const ids = sent.messages.map((m) => m.id)
    const read = async () => Promise.all(ids.map((id) => desk?.messages.get(account.id, id)))
    const before = await read()
    const rows = await stored(desk.db)
    const migration = migrations[MIGRATION]
    if (!migration?.down) throw new Error(`${MIGRATION} has no down`)

    // Today's store: a rowid table, with the id's unique index beside it (SQLite's own, with no SQL text).
    expect(await messagesTableSql(desk.db)).not.toMatch(/without rowid/i)
    const named = (await messagesIndexes(desk.db)).filter((i) => i.sql !== null)
    expect(named.map((i) => i.name)).toContain('messages_due_idx')
    expect((await messagesIndexes(desk.db)).filter((i) => i.sql === null)).toHaveLength(1)

    await migration.down(desk.db)
    expect(await messagesTableSql(desk.db)).toMatch(/\)\s*without rowid$/i)
    expect((await messagesIndexes(desk.db)).filter((i) => i.sql !== null)).toEqual(named)
    expect((await messagesIndexes(desk.db)).filter((i) => i.sql === null)).toEqual([])
    expect(await stored(desk.db)).toEqual(rows)

    await migration.up(desk.db)
    await migration.up(desk.db) // a second run finds nothing to do
    expect(await messagesTableSql(desk.db)).not.toMatch(/without rowid/i)
    expect((await messagesIndexes(desk.db)).filter((i) => i.sql !== null)).toEqual(named)
    expect(await stored(desk.db)).toEqual(rows)
    expect(await read()).toEqual(before)

    // The messages' own foreign keys still hold, and the store still takes sends and their steps.
    await expect(
      sql`update "messages" set "account_id" = 'acc_nobody' where "id" = ${ids[0]}`.execute(desk.db),
    ).rejects.toThrow(/FOREIGN KEY/)
    const more = await desk.messages.send(account.id, {
      sender: 'Rowid',
      recipients: ['+46701000003'],
      body: 'Efter',
    })
    const after = await desk.messages.get(account.id, more.messages[0]?.id as string)
    expect(after.statuses.map((s) => s.code)).toEqual([101, 102, 103])
  })
})
