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

/** Works waiting for the next shared commit, per database and group key ('' on SQLite: one group). */
const queues = new WeakMap<Kysely<Database>, Map<string, QueuedWork[]>>()

/**
 * Like `writeTransaction`, but on SQLite the works that arrive together (within one turn of the event loop) share
 * ONE transaction and one commit — a commit costs more than the few statements of a send or a delivery report.
 * Each work runs inside its own savepoint, so a work that throws leaves no trace and the others still commit;
 * a work's promise settles only after the shared commit, so nothing is acknowledged before it is durable.
 * PostgreSQL has a pool of connections: each work keeps its own transaction there, unless it names a `group`.
 * Works of one group that arrive together then share a transaction the same way, while other groups run beside
 * it. Sends group by account: each charges the account's one balance row, whose lock every other send of the
 * account waits for until the commit, so one by one a busy account managed about 200 sends a second whatever the
 * pool (`npm run bench -- kannel` on PostgreSQL); together they take the lock, and wait for the log flush, once.
 */
export function groupedWriteTransaction<T>(
  ctx: Pick<CoreContext, 'db' | 'dialect'>,
  work: (trx: Kysely<Database>) => Promise<T>,
  opts: { group?: string } = {},
): Promise<T> {
  const postgres = ctx.dialect === 'postgres'
  if (postgres && opts.group === undefined) return ctx.db.transaction().execute(work)
  const key = postgres ? (opts.group as string) : ''
  return new Promise<T>((resolve, reject) => {
    let groups = queues.get(ctx.db)
    if (!groups) {
      groups = new Map()
      queues.set(ctx.db, groups)
    }
    let queue = groups.get(key)
    if (!queue) {
      queue = []
      groups.set(key, queue)
      // Runs after the I/O of this loop turn: every request read in it joins the same transaction. On PostgreSQL
      // a group waits for the one of its key that is running, and so holds all that arrived meanwhile.
      if (!postgres) setImmediate(() => void commitTogether(ctx.db, take(ctx.db, key), SQLITE_STEPS))
      else if (!running.get(ctx.db)?.has(key)) setImmediate(() => commitNextPg(ctx.db, key))
    }
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
  })
}

/** The works waiting under `key`, now no longer waiting. */
function take(db: Kysely<Database>, key: string): QueuedWork[] {
  const groups = queues.get(db)
  const group = groups?.get(key) ?? []
  groups?.delete(key)
  return group
}

/** The PostgreSQL groups with a transaction under way, per database. */
const running = new WeakMap<Kysely<Database>, Set<string>>()

/** Commits the group waiting under `key`, then the one that gathered meanwhile, if any. */
function commitNextPg(db: Kysely<Database>, key: string): void {
  const group = take(db, key)
  if (group.length === 0) return
  const underWay = running.get(db) ?? new Set<string>()
  running.set(db, underWay)
  underWay.add(key)
  void commitTogether(db, group, PG_STEPS).finally(() => {
    underWay.delete(key)
    if (queues.get(db)?.has(key)) setImmediate(() => commitNextPg(db, key))
  })
}

// Fixed statements, compiled once.
const BEGIN = CompiledQuery.raw('begin immediate')
const SAVEPOINT = CompiledQuery.raw('savepoint grouped_work')
const RELEASE = CompiledQuery.raw('release grouped_work')
const ROLLBACK_TO = CompiledQuery.raw('rollback to grouped_work')
const COMMIT = CompiledQuery.raw('commit')
const ROLLBACK = CompiledQuery.raw('rollback')

// On PostgreSQL, the statements between two works travel as one (the simple protocol takes several without
// parameters): one round trip between two sends instead of two. SQLite prepares one statement at a time.
const PG_BEGIN = CompiledQuery.raw('begin; savepoint grouped_work')
const PG_NEXT = CompiledQuery.raw('release grouped_work; savepoint grouped_work')
const PG_COMMIT = CompiledQuery.raw('release grouped_work; commit')

/** What opens a group's transaction, goes between two of its works, and closes it. */
interface GroupSteps {
  begin: readonly CompiledQuery[]
  between: readonly CompiledQuery[]
  end: readonly CompiledQuery[]
}
const SQLITE_STEPS: GroupSteps = {
  begin: [BEGIN, SAVEPOINT],
  between: [RELEASE, SAVEPOINT],
  end: [RELEASE, COMMIT],
}
const PG_STEPS: GroupSteps = { begin: [PG_BEGIN], between: [PG_NEXT], end: [PG_COMMIT] }

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown }

/**
 * Runs the works of `group` in turn in one transaction on one connection, each in its own savepoint: a work that
 * throws is rolled back to it and leaves nothing behind. Each work's promise settles after the commit.
 */
async function commitTogether(
  db: Kysely<Database>,
  group: readonly QueuedWork[],
  steps: GroupSteps,
): Promise<void> {
  const outcomes: Outcome[] = []
  try {
    await db.connection().execute(async (conn) => {
      const run = async (statements: readonly CompiledQuery[]) => {
        for (const statement of statements) await conn.executeQuery(statement)
      }
      await run(steps.begin)
      try {
        for (const [i, item] of group.entries()) {
          try {
            outcomes.push({ ok: true, value: await item.work(conn) })
          } catch (err) {
            await conn.executeQuery(ROLLBACK_TO)
            outcomes.push({ ok: false, err })
          }
          await run(i === group.length - 1 ? steps.end : steps.between)
        }
      } catch (err) {
        await conn.executeQuery(ROLLBACK).catch(() => undefined)
        throw err
      }
    })
  } catch (err) {
    // The transaction itself failed (begin, commit, a savepoint, the connection): nothing of the group was kept.
    for (const item of group) item.reject(err)
    return
  }
  group.forEach((item, i) => {
    const outcome = outcomes[i]
    if (outcome?.ok) item.resolve(outcome.value)
    else item.reject(outcome?.err)
  })
}
