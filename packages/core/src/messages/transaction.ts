/** Write transactions that behave the same with one process or several on one SQLite file. */
import { type Kysely, sql } from 'kysely'
import type { CoreContext } from '../context.ts'
import type { Database } from '../store/schema.ts'

/**
 * Runs `work` in a transaction that will write. On SQLite it starts with `BEGIN IMMEDIATE`: a deferred
 * transaction that reads first cannot upgrade to a writer once another process has committed meanwhile
 * (SQLITE_BUSY without waiting), while an immediate one waits its turn under `busy_timeout`.
 */
export async function writeTransaction<T>(
  ctx: Pick<CoreContext, 'db' | 'dialect'>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (ctx.dialect === 'postgres') return ctx.db.transaction().execute(work)
  return ctx.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn)
    try {
      const result = await work(conn)
      await sql`commit`.execute(conn)
      return result
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined)
      throw err
    }
  })
}
