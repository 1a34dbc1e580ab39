/**
 * Dispatch bench: one 100,000-recipient batch sent and handed over to the simulator (no step delay) by one
 * dispatcher, on SQLite and on PostgreSQL in the same run — PostgreSQL once with no statistics (autovacuum kept off
 * the tables, as in the first minute of a new database) and once after ANALYZE. SQLite's time is the baseline.
 * Also: bytes on disk per delivered message, and the process's peak resident size above idle on SQLite, once with the
 * server's heap growth setting and once with V8's own (the SQLite baseline runs with the server's).
 * PostgreSQL comes from SMSDESK_BENCH_PG (default postgres://postgres@127.0.0.1:5432/test); unreachable, it is skipped.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { createDesk, openDatabase } from '../packages/core/src/index.ts'
import { DEFAULT_HEAP_GROWTH_PERCENT } from '../packages/server/src/config.ts'
import { setHeapGrowth } from '../packages/server/src/heap.ts'
import { connectAdmin, inFreshSchema, PG_URL } from './pg.ts'

const MESSAGES = Number(process.env.BENCH_DISPATCH_MESSAGES ?? 100_000)

interface Run {
  label: string
  sendMs: number
  handOverMs: number
  deliveredMs: number
  bytesPerMessage: number
  /** Peak resident size above the idle process during this run (SQLite runs). */
  peakMb?: number
}

export default async function benchDispatch(): Promise<void> {
  const idleKb = memoryKb().rss
  const runs: Run[] = []
  // A small untimed run first, so that neither timed run pays for compiling the code (the first run was up to 1.6×
  // slower for that alone). The idle size is taken before it: if anything, the peaks are overstated.
  await warmUp()
  // SQLite twice: first as the server runs (its HEAP_GROWTH_PERCENT default, see packages/server/src/heap.ts), the
  // baseline for PostgreSQL; then with V8's own heap growth, for the memory comparison. The second starts from the
  // first one's leftovers, so if anything its peak is overstated.
  for (const growth of [DEFAULT_HEAP_GROWTH_PERCENT, 0]) {
    setHeapGrowth(growth)
    resetPeak()
    // Above the smaller of the size before the warm-up and the size now: inside a full `npm run bench` the earlier
    // suites leave the process larger at the start than it is here, once their memory went back to the system.
    const baseKb = Math.min(idleKb, memoryKb().rss)
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-dispatch-'))
    try {
      const file = join(dir, 'dispatch.sqlite')
      const label = growth ? 'SQLite (baseline)' : "SQLite, V8's heap growth"
      const run = await timedDispatch(label, file, { dialect: 'sqlite', file })
      runs.push({ ...run, peakMb: Math.round((memoryKb().peak - baseKb) / 1024) })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  setHeapGrowth(DEFAULT_HEAP_GROWTH_PERCENT)
  const admin = await connectAdmin()
  if (admin) {
    try {
      for (const analyze of [false, true]) {
        const label = analyze ? 'PostgreSQL, after ANALYZE' : 'PostgreSQL, no statistics'
        runs.push(
          await inFreshSchema(admin, (url) => timedDispatch(label, url, { dialect: 'postgres', analyze })),
        )
      }
    } finally {
      await admin.end()
    }
  }

  const s = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`
  const base = runs[0] as Run
  console.log(
    `${MESSAGES.toLocaleString('en-US')}-recipient batch sent, then handed over by one dispatcher to the simulator`,
  )
  for (const r of runs) {
    const ratio =
      r === base
        ? ''
        : r.label.startsWith('SQLite')
          ? `  ${(r.handOverMs / base.handOverMs).toFixed(2)}× the baseline's time`
          : `  ratio to SQLite ${(r.handOverMs / base.handOverMs).toFixed(2)} (aim ≤ 1.5)`
    console.log(
      `  ${r.label.padEnd(28)} send ${s(r.sendMs)}, handed over ${s(r.handOverMs)}, all reports in ${s(r.deliveredMs)}, ${Math.round(r.bytesPerMessage).toLocaleString('en-US')} bytes on disk per delivered message${ratio}`,
    )
  }
  if (!admin)
    console.log(
      `  PostgreSQL: skipped, nothing answered at ${PG_URL} (set SMSDESK_BENCH_PG to a server where the bench may create and drop a schema)`,
    )
  const [ours, v8s] = runs as [Run, Run]
  console.log(
    `  peak resident size above the idle process, SQLite: ${ours.peakMb} MB with the server's heap growth (${DEFAULT_HEAP_GROWTH_PERCENT} %), ${v8s.peakMb} MB with V8's own: ${((ours.peakMb ?? 0) / (v8s.peakMb ?? 1)).toFixed(2)}× (aim ≤ 250 MB)`,
  )
}

async function warmUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-dispatch-warm-'))
  try {
    const file = join(dir, 'warm.sqlite')
    await timedDispatch('warm-up', file, { dialect: 'sqlite', file }, 5_000)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Linux: sets the process's peak resident size (VmHWM) back to its current size. */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
  } catch {
    // Not Linux, or not allowed: the peak then spans the whole process (overstated, never understated).
  }
}

async function timedDispatch(
  label: string,
  database: string,
  how: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; analyze: boolean },
  messages = MESSAGES,
): Promise<Run> {
  // Migrated first, so the size before the batch is the empty schema's.
  await (await openDatabase(how.dialect === 'sqlite' ? { file: database } : { url: database })).close()
  const desk = await createDesk({ database })
  const opened = await openDatabase(how.dialect === 'sqlite' ? { file: database } : { url: database })
  try {
    if (how.dialect === 'postgres')
      await sql`alter table "messages" set (autovacuum_enabled = false)`.execute(opened.db)
    const before = await diskBytes(opened.db, how.dialect)
    const account = await desk.accounts.create({ name: label, balance: messages * 100 })
    const recipients = Array.from(
      { length: messages },
      (_, i) => `+4670${String(1_000_000 + i).padStart(7, '0')}`,
    )
    const started = performance.now()
    await desk.messages.send(account.id, { sender: 'Bench', recipients, body: 'Bench' })
    const sendMs = performance.now() - started
    if (how.dialect === 'postgres' && how.analyze) await sql`analyze`.execute(opened.db)
    // Progress from the desk's own status events rather than by polling the store (a count over the messages took
    // 80–160 ms a poll on PostgreSQL, whose index holds every dead row version until a vacuum, on the cores the
    // dispatcher runs on); the store is asked once at the end. Counters, not sets of ids, so the bench adds nothing
    // to the heap it measures: the simulator takes every message, so each gets one 111 when it is handed over, and
    // every path ends at a code of 200 or more.
    let handedOver = 0
    let closed = 0
    const unsubscribe = desk.events.onStatusChange((event) => {
      if (event.code === 111) handedOver++
      else if (event.code >= 200) closed++
    })
    const dispatchStarted = performance.now()
    const dispatcher = desk.dispatcher.start()
    let handOverMs = 0
    let polls = 0
    for (;;) {
      if (!handOverMs && handedOver >= messages) handOverMs = performance.now() - dispatchStarted
      // The events say when to ask; should a message leave 1xx without one, asking every 2 s still ends the run.
      if ((closed >= messages || ++polls % 20 === 0) && (await openCount(opened.db)) === 0) break
      await new Promise((r) => setTimeout(r, 100))
    }
    unsubscribe()
    const deliveredMs = performance.now() - dispatchStarted
    await dispatcher.stop()
    const after = await diskBytes(opened.db, how.dialect)
    return { label, sendMs, handOverMs, deliveredMs, bytesPerMessage: (after - before) / messages }
  } finally {
    await opened.close()
    await desk.close()
  }
}

type Db = Awaited<ReturnType<typeof openDatabase>>['db']

/** Messages still at a 1xx step. */
async function openCount(db: Db): Promise<number> {
  const { rows } = await sql<{ open: number | string }>`select count(*) as "open"
    from "messages" where "status_code" < 200`.execute(db)
  return Number(rows[0]?.open ?? 0)
}

async function diskBytes(db: Db, dialect: 'sqlite' | 'postgres'): Promise<number> {
  if (dialect === 'sqlite') {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
    const { rows } = await sql<{ bytes: number }>`select page_count * page_size as "bytes"
      from pragma_page_count(), pragma_page_size()`.execute(db)
    return Number(rows[0]?.bytes ?? 0)
  }
  const { rows } = await sql<{
    bytes: string
  }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as "bytes"
    from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'`.execute(db)
  return Number(rows[0]?.bytes ?? 0)
}

function memoryKb(): { rss: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}
