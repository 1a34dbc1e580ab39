/** Write transactions that behave the same with one process or several on one SQLite file. */
import { CompiledQuery, type Kysely, sql } from 'kysely'
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

interface QueuedWork {
  work: (trx: Kysely<Database>) => Promise<unknown>
  resolve(value: unknown): void
  reject(err: unknown): void
}

/** Works waiting for the next shared commit, per SQLite database. */
const queues = new WeakMap<Kysely<Database>, QueuedWork[]>()

/**
 * Like `writeTransaction`, but on SQLite the works that arrive together (within one turn of the event loop) share
 * ONE transaction and one commit — a commit costs more than the few statements of a send or a delivery report.
 * Each work runs inside its own savepoint, so a work that throws leaves no trace and the others still commit;
 * a work's promise settles only after the shared commit, so nothing is acknowledged before it is durable.
 * PostgreSQL has a pool of connections: each work keeps its own transaction there.
 */
export function groupedWriteTransaction<T>(
  ctx: Pick<CoreContext, 'db' | 'dialect'>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (ctx.dialect === 'postgres') return ctx.db.transaction().execute(work)
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(ctx.db)
    if (!queue) {
      queue = []
      queues.set(ctx.db, queue)
      // Runs after the I/O of this loop turn: every request read in it joins the same transaction.
      setImmediate(() => {
        queues.delete(ctx.db)
        void commitTogether(ctx.db, queue as QueuedWork[])
      })
    }
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
  })
}

// Fixed statements, compiled once.
const BEGIN = CompiledQuery.raw('begin immediate')
const SAVEPOINT = CompiledQuery.raw('savepoint grouped_work')
const RELEASE = CompiledQuery.raw('release grouped_work')
const ROLLBACK_TO = CompiledQuery.raw('rollback to grouped_work')
const COMMIT = CompiledQuery.raw('commit')
const ROLLBACK = CompiledQuery.raw('rollback')

async function commitTogether(db: Kysely<Database>, group: readonly QueuedWork[]): Promise<void> {
  const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = []
  try {
    await db.connection().execute(async (conn) => {
      await conn.executeQuery(BEGIN)
      try {
        for (const item of group) {
          await conn.executeQuery(SAVEPOINT)
          try {
            const value = await item.work(conn)
            await conn.executeQuery(RELEASE)
            outcomes.push({ ok: true, value })
          } catch (err) {
            await conn.executeQuery(ROLLBACK_TO)
            await conn.executeQuery(RELEASE)
            outcomes.push({ ok: false, err })
          }
        }
        await conn.executeQuery(COMMIT)
      } catch (err) {
        await conn.executeQuery(ROLLBACK).catch(() => undefined)
        throw err
      }
    })
  } catch (err) {
    // The transaction itself failed (begin, commit, a savepoint): nothing of the group was kept.
    for (const item of group) item.reject(err)
    return
  }
  group.forEach((item, i) => {
    const outcome = outcomes[i]
    if (outcome?.ok) item.resolve(outcome.value)
    else item.reject(outcome?.err)
  })
}
