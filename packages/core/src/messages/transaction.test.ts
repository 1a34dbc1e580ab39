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

  it('commits the works that succeed and leaves no trace of one that throws, however they are grouped', async () => {
    desk = await createTestDesk(dialect)
    const account = await desk.accounts.create({ name: 'grouped', balance: 1_000 })
    const other = await desk.accounts.create({ name: 'other', balance: 1_000 })
    const ctx = { db: desk.db, dialect: desk.dialect }
    const rename = (id: string, n: string) =>
      groupedWriteTransaction(ctx, async (trx) => {
        await trx.updateTable('accounts').set({ name: n }).where('id', '=', id).execute()
        return n
      })
    const failing = () =>
      groupedWriteTransaction(ctx, async (trx) => {
        await trx
          .updateTable('accounts')
          .set({ name: 'must not stay' })
          .where('id', '=', account.id)
          .execute()
        throw new Error('boom')
      })
    const [first, broken, last] = await Promise.allSettled([
      rename(account.id, 'first'),
      failing(),
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
})
