/**
 * Kannel bench: single-recipient sends into Kannel 1.4 (bearerbox + smsbox, its fake SMSC drained by fakesmsc) with
 * its store off, in a file, and in a spool directory, beside `POST /api/v1/messages` on smsdesk at its default log
 * level (info, one line per request, written to a file), measured with autocannon in the same run. Kannel's spool
 * rate is the baseline. The bench installs nothing: without Kannel's binaries it says how to get them and skips.
 * Each row also gives the CPU time its processes used per request (all their threads, from /proc), and a last row
 * sends through `desk.messages.send` in the bench's own process: the core's share of a send, without HTTP or dispatch.
 * smsdesk is measured on its default SQLite and, when SMSDESK_BENCH_PG answers, on PostgreSQL too.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { createDesk } from '../packages/core/src/index.ts'
import { freePort, fundDemoAccount, spawnServer, waitUntilHealthy } from './http.ts'
import { connectAdmin, inFreshSchema, PG_URL } from './pg.ts'

const KEY = `smsd_${'Kannel'.padEnd(32, '0')}`
const OPERATOR_KEY = `smso_${'Kannel'.padEnd(32, '0')}`
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50)
const SEARCH = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/lib/kannel/test']

type Store = 'none' | 'file' | 'spool'

interface Figure {
  label: string
  rps: number
  p99: number
  non2xx: number
  /** CPU time its processes used per request during the timed run, in µs (null where /proc cannot tell). */
  cpuUs: number | null
}

function find(binary: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...SEARCH]) {
    const path = join(dir, binary)
    if (dir && existsSync(path)) return path
  }
  return null
}

export default async function benchKannel(): Promise<void> {
  const bins = { bearerbox: find('bearerbox'), smsbox: find('smsbox'), fakesmsc: find('fakesmsc') }
  const missing = Object.entries(bins).filter(([, path]) => path === null)
  if (missing.length > 0) {
    console.log(
      `skipped: no ${missing.map(([name]) => name).join(', ')} found. On Debian or Ubuntu: ` +
        '`apt-get install kannel kannel-extras` (fakesmsc is in kannel-extras, /usr/lib/kannel/test); elsewhere build ' +
        'Kannel 1.4 from https://www.kannel.org and put its binaries on PATH.',
    )
    return
  }
  const figures: Figure[] = []
  for (const store of ['none', 'file', 'spool'] as const)
    figures.push(await measureKannel(store, bins as Record<keyof typeof bins, string>))
  const desk = await measureSmsdesk()
  const onPostgres = await measureSmsdeskOnPostgres()
  figures.push(desk, ...(onPostgres ? [onPostgres] : []), await measureCoreSend())

  const spool = figures.find((f) => f.label.includes('spool')) as Figure
  console.log(`single-recipient sends, ${CONNECTIONS} connections, ${DURATION_S} s each (autocannon)`)
  console.log('| what | req/s | p99 ms | vs Kannel spool | non-2xx | CPU µs per request |')
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const f of figures)
    console.log(
      `| ${f.label} | ${Math.round(f.rps)} | ${f.p99} | ${(f.rps / spool.rps).toFixed(2)} | ${f.non2xx} | ${f.cpuUs ?? 'n/a'} |`,
    )
  console.log(
    `smsdesk / Kannel spool: ${(desk.rps / spool.rps).toFixed(2)} (aim ≥ 1.0), smsdesk p99 ${desk.p99} ms (aim < 50 ms)`,
  )
}

async function measure(label: string, options: autocannon.Options, pids: readonly number[]): Promise<Figure> {
  await autocannon({ ...options, duration: 2 })
  const before = cpuMicros(pids)
  const r = await autocannon({ ...options, duration: DURATION_S })
  const after = cpuMicros(pids)
  const cpuUs = before === null || after === null ? null : Math.round((after - before) / r.requests.total)
  return { label, rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, cpuUs }
}

/** User and system CPU time of `pids` so far, threads included, in µs (Linux's /proc); null elsewhere. */
function cpuMicros(pids: readonly number[]): number | null {
  try {
    let ticks = 0
    for (const pid of pids) {
      // Fields 14 and 15 (utime, stime), counted after the command name's closing parenthesis.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
      ticks += Number(fields[11]) + Number(fields[12])
    }
    return Number.isFinite(ticks) ? (ticks * 1_000_000) / CLOCK_TICKS : null
  } catch {
    return null
  }
}

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every architecture Node runs on. */
const CLOCK_TICKS = 100

/**
 * The same send without HTTP and without the dispatcher: `desk.messages.send` in this process, 50 at a time, for as
 * long as the HTTP runs. What the core's validation, pricing, ledger and store cost a send, as a bound on the rest.
 */
async function measureCoreSend(): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-kannel-core-'))
  const desk = await createDesk({ database: join(dir, 'desk.sqlite') })
  try {
    const account = await desk.accounts.create({ name: 'Kannel bench', balance: 100_000_000_00 })
    const input = { sender: 'Bench', body: 'Hej! Din tid är bokad.', recipients: ['+46701234201'] }
    const run = async (seconds: number) => {
      const latencies: number[] = []
      const until = performance.now() + seconds * 1000
      const started = performance.now()
      const before = process.cpuUsage()
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < until) {
            const t = performance.now()
            await desk.messages.send(account.id, input)
            latencies.push(performance.now() - t)
          }
        }),
      )
      const used = process.cpuUsage(before)
      latencies.sort((a, b) => a - b)
      return {
        rps: (latencies.length * 1000) / (performance.now() - started),
        p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
        cpuUs: Math.round((used.user + used.system) / latencies.length),
      }
    }
    await run(2)
    const r = await run(DURATION_S)
    return {
      label: 'desk.messages.send in this process, 50 at a time (no HTTP, no dispatcher)',
      ...r,
      non2xx: 0,
    }
  } finally {
    await desk.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function measureKannel(store: Store, bins: Record<'bearerbox' | 'smsbox' | 'fakesmsc', string>) {
  const dir = mkdtempSync(join(tmpdir(), `smsdesk-bench-kannel-${store}-`))
  const [admin, boxPort, smscPort, sendPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ]
  const storeLines =
    store === 'none'
      ? ''
      : store === 'file'
        ? `store-type = file\nstore-location = "${join(dir, 'store')}"\n`
        : `store-type = spool\nstore-location = "${join(dir, 'spool')}"\n`
  const config = join(dir, 'kannel.conf')
  writeFileSync(
    config,
    `group = core
admin-port = ${admin}
admin-password = bench
smsbox-port = ${boxPort}
log-level = 4
${storeLines}
group = smsc
smsc = fake
smsc-id = fake
port = ${smscPort}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${boxPort}
sendsms-port = ${sendPort}
log-level = 4

group = sendsms-user
username = bench
password = bench

group = sms-service
keyword = default
text = "ok"
`,
  )
  if (store === 'spool') mkdirSync(join(dir, 'spool'))
  const quiet = { stdio: ['ignore', 'ignore', 'ignore'] as ['ignore', 'ignore', 'ignore'] }
  const children: ChildProcess[] = []
  try {
    children.push(spawn(bins.bearerbox, ['-v', '4', config], quiet))
    await waitForPort(smscPort)
    // fakesmsc takes every message the fake SMSC hands it; with -m 0 it sends none of its own.
    children.push(
      spawn(bins.fakesmsc, ['-H', '127.0.0.1', '-r', String(smscPort), '-m', '0', '-v', '4'], {
        stdio: ['pipe', 'ignore', 'ignore'],
      }),
    )
    children.push(spawn(bins.smsbox, ['-v', '4', config], quiet))
    await waitForPort(sendPort)
    const query = new URLSearchParams({
      username: 'bench',
      password: 'bench',
      from: 'Bench',
      to: '46701234201',
      text: 'Hej! Din tid är bokad.',
    })
    const label = {
      none: 'Kannel, no store',
      file: 'Kannel, store-type file',
      spool: 'Kannel, store-type spool (baseline)',
    }[store]
    return await measure(
      label,
      {
        url: `http://127.0.0.1:${sendPort}/cgi-bin/sendsms?${query}`,
        connections: CONNECTIONS,
        pipelining: 1,
      },
      children.flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    )
  } finally {
    for (const child of children.reverse()) {
      child.kill('SIGTERM')
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r))
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The same on PostgreSQL, in a schema of its own on SMSDESK_BENCH_PG (default the local test database), dropped
 * after; null when nothing answers there.
 */
async function measureSmsdeskOnPostgres(): Promise<Figure | null> {
  const admin = await connectAdmin()
  if (!admin) {
    console.log(`smsdesk on PostgreSQL: skipped, nothing answered at ${PG_URL} (set SMSDESK_BENCH_PG)`)
    return null
  }
  try {
    return await inFreshSchema(admin, (databaseUrl) =>
      measureSmsdesk({ label: 'smsdesk on PostgreSQL, the same', databaseUrl }),
    )
  } finally {
    await admin.end()
  }
}

async function measureSmsdesk(
  on: { label: string; databaseUrl?: string } = { label: 'smsdesk POST /api/v1/messages, default log level' },
): Promise<Figure> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-kannel-desk-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  // The default log level (info: a line per request), written to a file as a deployment would keep it.
  const log = openSync(join(dataDir, 'server.log'), 'a')
  const child = spawnServer({
    port,
    dataDir,
    apiKey: KEY,
    operatorKey: OPERATOR_KEY,
    // An empty LOG_LEVEL is the default level, whatever the bench was started with.
    env: { LOG_LEVEL: '', ...(on.databaseUrl ? { DATABASE_URL: on.databaseUrl } : {}) },
    stdio: ['ignore', log, 'inherit'],
  })
  try {
    await waitUntilHealthy(base, child)
    const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }
    await fundDemoAccount(base, KEY, OPERATOR_KEY)
    return await measure(
      on.label,
      {
        url: `${base}/api/v1/messages`,
        method: 'POST',
        headers,
        body: JSON.stringify({
          sender: 'Bench',
          body: 'Hej! Din tid är bokad.',
          recipients: ['+46701234201'],
        }),
        connections: CONNECTIONS,
        pipelining: 1,
      },
      child.pid === undefined ? [] : [child.pid],
    )
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`kannel: nothing listened on port ${port} within 10 s`)
}
