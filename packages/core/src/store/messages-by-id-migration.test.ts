/**
 * The rebuild of SQLite's messages table in its id's key (2026-12-12): every message, column, index and foreign key
 * comes through, both ways. (On PostgreSQL the migration does nothing.)
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { migrations } from './migrations/index.ts'
import { messagesIndexes, messagesTableSql } from './testing.ts'

const MIGRATION = '2026-12-12-messages-stored-by-id'
/** Later, the history moved into the message's row: taken back first (so the rebuilt table is the one of its day). */
const IN_ROW = '2026-12-13-history-in-message-row'
/** Later still, the table went back to a rowid: taken back first too. */
const BY_ROWID = '2026-12-14-messages-stored-by-rowid'

describe('messages stored by id (SQLite)', () => {
  let desk: TestDesk | undefined

  afterEach(async () => {
    await desk?.close()
    desk = undefined
  })

  /** Every message and history row as stored, in key order. */
  const stored = async (db: TestDesk['db']) => ({
    messages: (await sql`select * from "messages" order by "id"`.execute(db)).rows,
    statuses: (await sql`select * from "message_statuses" order by "message_id", "seq"`.execute(db)).rows,
  })

  it('keeps every message, index and foreign key, and goes back the same way', async () => {
    desk = await createTestDesk('sqlite')
    const account = await desk.accounts.create({ name: 'Rebuilt', balance: 1_000 })
    const sent = await desk.messages.send(account.id, {
      sender: 'Rebuilt',
      recipients: ['+46701000001', '+46701000002'],
      body: 'Före och efter',
      reference: 'ref-1',
    })
    const ids = sent.messages.map((m) => m.id)
    const read = async () => Promise.all(ids.map((id) => desk?.messages.get(account.id, id)))
    const before = await read()
    const migration = migrations[MIGRATION]
    const inRow = migrations[IN_ROW]
    const byRowid = migrations[BY_ROWID]
    if (!migration?.down || !inRow?.down || !byRowid?.down) throw new Error('a migration has no down')
    await byRowid.down(desk.db)
    await inRow.down(desk.db)
    const rows = await stored(desk.db)
    expect(rows.statuses).toHaveLength(6)

    expect(await messagesTableSql(desk.db)).toMatch(/\)\s*without rowid$/i)
    const named = (await messagesIndexes(desk.db)).filter((i) => i.sql !== null)
    expect(named.map((i) => i.name)).toContain('messages_due_idx')
    // No second tree from id to rowid: the table is that key.
    expect((await messagesIndexes(desk.db)).filter((i) => i.sql === null)).toEqual([])

    await migration.down(desk.db)
    expect(await messagesTableSql(desk.db)).not.toMatch(/without rowid/i)
    expect((await messagesIndexes(desk.db)).filter((i) => i.sql !== null)).toEqual(named)
    expect(await stored(desk.db)).toEqual(rows)

    await migration.up(desk.db)
    await migration.up(desk.db) // a second run finds nothing to do
    expect(await messagesTableSql(desk.db)).toMatch(/\)\s*without rowid$/i)
    expect((await messagesIndexes(desk.db)).filter((i) => i.sql !== null)).toEqual(named)
    expect(await stored(desk.db)).toEqual(rows)

    // The history's foreign key still holds, and the store still takes sends and their steps.
    await expect(
      sql`insert into "message_statuses" ("message_id", "code", "seq") values ('msg_nothing', 101, 1)`.execute(
        desk.db,
      ),
    ).rejects.toThrow(/FOREIGN KEY/)
    await inRow.up(desk.db)
    await byRowid.up(desk.db)
    expect(await read()).toEqual(before)
    const more = await desk.messages.send(account.id, {
      sender: 'Rebuilt',
      recipients: ['+46701000003'],
      body: 'Efter',
    })
    const after = await desk.messages.get(account.id, more.messages[0]?.id as string)
    expect(after.statuses.map((s) => s.code)).toEqual([101, 102, 103])
  })
})
