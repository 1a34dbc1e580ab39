import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { testDialects } from '../store/testing.ts'
import { groupedWriteTransaction } from './transaction.ts'

describe.each(testDialects())('grouped write transactions on %s', (dialect) => {
  let desk: TestDesk | undefined
  afterEach(async () => {
    await desk?.close()
    desk = undefined
  })

  /** A work that renames account `id` (in `group`, if named) and answers the new name. */
  const rename = (id: string, n: string, group?: string) =>
    groupedWriteTransaction(
      desk as TestDesk,
      async (trx) => {
        await trx.updateTable('accounts').set({ name: n }).where('id', '=', id).execute()
        return n
      },
      group === undefined ? {} : { group },
    )
  /** A work that renames account `id`, then throws. */
  const failing = (id: string, group?: string) =>
    groupedWriteTransaction(
      desk as TestDesk,
      async (trx) => {
        await trx.updateTable('accounts').set({ name: 'must not stay' }).where('id', '=', id).execute()
        throw new Error('boom')
      },
      group === undefined ? {} : { group },
    )

  it('commits the works that succeed and leaves no trace of one that throws, however they are grouped', async () => {
    desk = await createTestDesk(dialect)
    const account = await desk.accounts.create({ name: 'grouped', balance: 1_000 })
    const other = await desk.accounts.create({ name: 'other', balance: 1_000 })
    const ctx = { db: desk.db, dialect: desk.dialect }
    const [first, broken, last] = await Promise.allSettled([
      rename(account.id, 'first'),
      failing(account.id),
      rename(other.id, 'renamed after the failure'),
    ])
    expect(first).toEqual({ status: 'fulfilled', value: 'first' })
    expect(broken.status).toBe('rejected')
    expect(last).toEqual({ status: 'fulfilled', value: 'renamed after the failure' })
    expect((await desk.accounts.get(account.id)).name).toBe('first')
    expect((await desk.accounts.get(other.id)).name).toBe('renamed after the failure')

    // Alone, a failing work rolls back too.
    await expect(
      groupedWriteTransaction(ctx, async (trx) => {
        await trx.updateTable('accounts').set({ name: 'alone' }).where('id', '=', account.id).execute()
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect((await desk.accounts.get(account.id)).name).toBe('first')
  })

  it('keeps 200 concurrent sends within a balance that covers 100 of them', async () => {
    desk = await createTestDesk(dialect)
    const account = await desk.accounts.create({ name: 'race', balance: 100 * 49 })
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (desk as TestDesk).messages.send(account.id, {
          sender: 'Race',
          body: 'Hej',
          recipients: [`+4670${String(1_000_000 + i)}`],
        }),
      ),
    )
    const funded = results.filter((r) => r.total.messages === 1).length
    expect(funded).toBe(100)
    expect(results.filter((r) => r.messages[0]?.status.code === 402)).toHaveLength(100)
    expect((await desk.ledger.balance(account.id)).amount).toBe(0)
  })

  // PostgreSQL only: there each work keeps its own transaction unless it names a group (SQLite: one group, above).
  if (dialect === 'postgres')
    it('on PostgreSQL shares one transaction between the works of a group that arrive together, and one at a time per group', async () => {
      desk = await createTestDesk(dialect)
      const account = await desk.accounts.create({ name: 'grouped', balance: 1_000 })
      const ctx = { db: desk.db, dialect: desk.dialect }
      const txid = (group?: string) =>
        groupedWriteTransaction(
          ctx,
          async (trx) => {
            const { rows } = await sql<{ id: string }>`select txid_current()::text as id`.execute(trx)
            await new Promise((r) => setTimeout(r, 5))
            return rows[0]?.id
          },
          group === undefined ? {} : { group },
        )
      const together = await Promise.all([txid('a'), txid('a'), txid('a'), txid('b'), txid(), txid()])
      const [a1, a2, a3, b, alone1, alone2] = together
      expect(new Set([a1, a2, a3]).size, together.join(' ')).toBe(1)
      expect(new Set([a1, b, alone1, alone2]).size, together.join(' ')).toBe(4)
      // Works of a key that arrive, turn after turn, while its transaction runs wait for it, then go as one.
      const first = txid('a')
      await new Promise((r) => setTimeout(r, 1))
      const second = txid('a')
      await new Promise((r) => setTimeout(r, 1))
      const later = await Promise.all([first, second, txid('a')])
      expect(later[1], later.join(' ')).toBe(later[2])
      expect(later[0], later.join(' ')).not.toBe(later[1])
      // And a failing work of a group leaves no trace while the others commit.
      const results = await Promise.allSettled([rename(account.id, 'kept', 'c'), failing(account.id, 'c')])
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
      expect((await desk.accounts.get(account.id)).name).toBe('kept')
    })
})
