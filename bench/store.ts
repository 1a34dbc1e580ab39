/**
 * A large store through the real server: fills one SQLite store to 1,000,000 messages in ten sends of 100,000
 * (`POST /api/v1/messages`), each delivered by the dispatcher to the simulator (SIMULATOR_STEP_MS=0) before the next,
 * and after each prints the server's resident size and JS heap after a full GC: the last three must level off.
 * Then, on that store, looks up a different message each request (`GET /api/v1/messages/:id`, ids shuffled across the
 * whole store, so every look-up misses the server's cache and most miss SQLite's page cache) beside the bare
 * `GET /healthz/live` in the same run.
 *
 * Through the server rather than core because the aims are the server's: its resident size, and a look-up's cost
 * with routing, auth and JSON. The compiled server runs (as `npm start` does) with `--inspect` on a free local port;
 * the bench asks that inspector for the GC and the heap figure, so the server has no bench-only code or route.
 *
 * BENCH_STORE_MESSAGES (default 1,000,000; ten equal sends) shrinks the fill while iterating; on this 2-core machine
 * the full fill takes about 6 minutes. BENCH_STORE_DIR keeps the store in that directory and, when it already holds
 * messages, skips the fill (to compare look-ups before and after a change on the same store).
 */
import { type ChildProcess, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import SQLite from 'better-sqlite3'
import { freePort, fundDemoAccount, spawnServer, waitUntilHealthy } from './http.ts'

const ROOT = join(import.meta.dirname, '..')
const KEY = `smsd_${'Bench'.padEnd(32, '0')}`
const OPERATOR_KEY = `smso_${'Bench'.padEnd(32, '0')}`
const METRICS_TOKEN = 'bench-metrics-token-0000'
const TOTAL = Number(process.env.BENCH_STORE_MESSAGES ?? 1_000_000)
const SENDS = 10
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50)
/** Look-up rounds, each between two bare-route runs. */
const ROUNDS = 2
/** Growth across the last three sends, after a GC, that still counts as level (allocator and SQLite cache noise). */
const LEVEL_TOLERANCE = 0.03

interface Sample {
  messages: number
  acceptS: number
  deliverS: number
  rssKb: number
  rssAfterGcKb: number
  heapAfterGcKb: number
  peakKb: number
  storeBytes: number
}

interface Figure {
  rps: number
  /** The server's own CPU time (user + system) per answered request: steadier than req/s on a shared machine. */
  cpuUs: number
  p99: number
  non2xx: number
  errors: number
}

/** The i-th recipient: distinct, Swedish mobile, last three digits below 200 so the simulator delivers it (201). */
function recipient(i: number): string {
  return `+4676${String(Math.floor(i / 200)).padStart(4, '0')}${String(i % 200).padStart(3, '0')}`
}

function procStatusKb(child: ChildProcess, field: string): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
}

/**
 * A full GC in the server and its JS heap after it, through the server's inspector (Chrome DevTools protocol).
 * A child node does the talking: Node 20 has WebSocket only behind a flag.
 */
function collectGarbage(inspectPort: number): { usedKb: number } {
  const script = `
    const [target] = await (await fetch('http://127.0.0.1:${inspectPort}/json/list')).json()
    const ws = new WebSocket(target.webSocketDebuggerUrl)
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject })
    let id = 0
    const call = (method) => new Promise((resolve) => {
      const mine = ++id
      ws.addEventListener('message', function answer(e) {
        const reply = JSON.parse(e.data)
        if (reply.id !== mine) return
        ws.removeEventListener('message', answer)
        resolve(reply.result)
      })
      ws.send(JSON.stringify({ id: mine, method }))
    })
    await call('HeapProfiler.collectGarbage')
    const heap = await call('Runtime.getHeapUsage')
    ws.close()
    process.stdout.write(JSON.stringify(heap))
  `
  const flags = typeof WebSocket === 'undefined' ? ['--experimental-websocket'] : []
  const out = execFileSync(
    process.execPath,
    [...flags, '--no-warnings', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
    },
  )
  const heap = JSON.parse(out) as { usedSize: number }
  return { usedKb: heap.usedSize / 1024 }
}

/** How many statuses of `code` the server has recorded since it started, from its Prometheus counters. */
async function statusCount(base: string, code: number): Promise<number> {
  const text = await (
    await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text()
  const line = new RegExp(`^smsdesk_message_statuses_total\\{code="${code}"[^}]*\\} (\\d+)`, 'm').exec(text)
  return Number(line?.[1] ?? 0)
}

function storeBytes(dataDir: string): number {
  const file = join(dataDir, 'smsdesk.sqlite')
  return [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0)
}

async function fill(
  base: string,
  child: ChildProcess,
  inspectPort: number,
  dataDir: string,
): Promise<Sample[]> {
  const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }
  await fundDemoAccount(base, KEY, OPERATOR_KEY)
  const perSend = Math.ceil(TOTAL / SENDS)
  const samples: Sample[] = []
  let sent = 0
  for (let s = 0; s < SENDS; s++) {
    const recipients = Array.from({ length: perSend }, (_, i) => recipient(sent + i))
    const started = performance.now()
    const res = await fetch(`${base}/api/v1/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ sender: 'Bench', body: 'Hej! Din tid är bokad.', recipients }),
    })
    if (res.status !== 202) throw new Error(`send ${s + 1} failed: ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
    const accepted = performance.now()
    sent += perSend
    while ((await statusCount(base, 201)) < sent) await new Promise((r) => setTimeout(r, 250))
    const delivered = performance.now()
    const rssKb = procStatusKb(child, 'VmRSS')
    const heap = collectGarbage(inspectPort)
    const sample: Sample = {
      messages: sent,
      acceptS: (accepted - started) / 1000,
      deliverS: (delivered - accepted) / 1000,
      rssKb,
      rssAfterGcKb: procStatusKb(child, 'VmRSS'),
      heapAfterGcKb: heap.usedKb,
      peakKb: procStatusKb(child, 'VmHWM'),
      storeBytes: storeBytes(dataDir),
    }
    samples.push(sample)
    printSample(sample)
  }
  return samples
}

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`

function printSample(s: Sample): void {
  console.log(
    `| ${s.messages.toLocaleString('en')} | ${s.acceptS.toFixed(1)} | ${s.deliverS.toFixed(1)} | ${mb(s.rssKb)} | ` +
      `${mb(s.rssAfterGcKb)} | ${mb(s.heapAfterGcKb)} | ${mb(s.peakKb)} | ${mb(s.storeBytes / 1024)} |`,
  )
}

function printLevel(samples: Sample[]): void {
  const last = samples.slice(-3)
  if (last.length < 3) return
  const growth = (pick: (s: Sample) => number) =>
    (Math.max(...last.map(pick)) - pick(last[0]!)) / pick(last[0]!)
  const rss = growth((s) => s.rssAfterGcKb)
  const heap = growth((s) => s.heapAfterGcKb)
  const level = rss <= LEVEL_TOLERANCE && heap <= LEVEL_TOLERANCE
  console.log(
    `last three sends, after GC: resident +${(rss * 100).toFixed(1)}%, heap +${(heap * 100).toFixed(1)}% ` +
      `(aim: level, ≤ ${LEVEL_TOLERANCE * 100}% each): ${level ? 'levels off' : 'STILL GROWING'}`,
  )
}

/** Every message id in the store, shuffled (a fixed seed, so runs compare). */
function shuffledIds(dataDir: string): string[] {
  const db = new SQLite(join(dataDir, 'smsdesk.sqlite'), { readonly: true, fileMustExist: true })
  const ids = db.prepare('select id from messages').pluck().all() as string[]
  db.close()
  let seed = 0x5eed
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff
    return seed / 0x80000000
  }
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[ids[i], ids[j]] = [ids[j]!, ids[i]!]
  }
  return ids
}

/** The process's CPU time so far in µs, from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms). */
function cpuUs(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10_000
}

async function measure(child: ChildProcess, options: autocannon.Options): Promise<Figure> {
  await autocannon({ ...options, duration: 2 })
  const before = cpuUs(child)
  const r = await autocannon({ ...options, duration: DURATION_S })
  return {
    rps: r.requests.average,
    cpuUs: (cpuUs(child) - before) / r.requests.total,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  }
}

async function lookUps(base: string, child: ChildProcess, dataDir: string): Promise<void> {
  const ids = shuffledIds(dataDir)
  let next = 0
  const common = { connections: CONNECTIONS, pipelining: 1 }
  const bareRoute = () => measure(child, { ...common, url: `${base}/healthz/live` })
  const uncached = () =>
    measure(child, {
      ...common,
      url: base,
      headers: { Authorization: `Bearer ${KEY}` },
      requests: [
        {
          setupRequest: (req) => ({ ...req, path: `/api/v1/messages/${ids[next++ % ids.length]}` }),
        },
      ],
    })
  const rows: [string, Figure, number, number][] = []
  let bare = await bareRoute()
  rows.push(['GET /healthz/live (bare)', bare, 1, 1])
  const ratios: number[] = []
  const cpuRatios: number[] = []
  for (let round = 1; round <= ROUNDS; round++) {
    const lookup = await uncached()
    const bareAfter = await bareRoute()
    const ratio = lookup.rps / ((bare.rps + bareAfter.rps) / 2)
    const cpuRatio = (bare.cpuUs + bareAfter.cpuUs) / 2 / lookup.cpuUs
    ratios.push(ratio)
    cpuRatios.push(cpuRatio)
    rows.push([
      `GET /api/v1/messages/:id (each a different message, round ${round})`,
      lookup,
      ratio,
      cpuRatio,
    ])
    rows.push(['GET /healthz/live (bare)', bareAfter, bareAfter.rps / bare.rps, bare.cpuUs / bareAfter.cpuUs])
    bare = bareAfter
  }
  console.log(
    `\nlook-ups on ${ids.length.toLocaleString('en')} messages, ${CONNECTIONS} connections, ${DURATION_S} s per run, ` +
      `${next.toLocaleString('en')} look-ups, ` +
      (next <= ids.length
        ? 'none of the same message twice (every one read from the store)'
        : 'more than the store holds (some came from the cache)'),
  )
  console.log(
    '| route | req/s | vs bare beside it | server CPU µs/request | vs bare (by CPU) | p99 ms | non-2xx | errors |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
  for (const [label, f, ratio, cpuRatio] of rows)
    console.log(
      `| ${label} | ${Math.round(f.rps)} | ${ratio.toFixed(2)}× | ${Math.round(f.cpuUs)} | ${cpuRatio.toFixed(2)}× | ` +
        `${f.p99} | ${f.non2xx} | ${f.errors} |`,
    )
  console.log(
    `uncached look-up / bare: ${ratios.map((r) => r.toFixed(2)).join(', ')} by req/s, ` +
      `${cpuRatios.map((r) => r.toFixed(2)).join(', ')} by server CPU (aim ≥ 0.35): ` +
      `${Math.min(...ratios) >= 0.35 ? 'met' : 'NOT met'}`,
  )
}

export default async function benchStore(): Promise<void> {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' })
  const keep = process.env.BENCH_STORE_DIR
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'smsdesk-bench-store-'))
  mkdirSync(dataDir, { recursive: true })
  const filled = existsSync(join(dataDir, 'smsdesk.sqlite'))
  const port = await freePort()
  const inspectPort = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawnServer({
    port,
    dataDir,
    apiKey: KEY,
    operatorKey: OPERATOR_KEY,
    compiled: true,
    nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`],
    env: {
      METRICS_TOKEN,
      NODE_ENV: 'production',
      // As the HTTP bench: warnings only, as a busy deployment would run.
      LOG_LEVEL: 'warn',
      BOT_TEAMS: 'off',
    },
    // The inspector announces itself on stderr; only the server's own complaints are worth showing.
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    for (const line of d.split('\n'))
      if (line && !/Debugger (listening|attached|ending)|For help, see|Waiting for the debugger/.test(line))
        process.stderr.write(`${line}\n`)
  })
  try {
    await waitUntilHealthy(base, child)
    console.log(
      `server: compiled, SQLite, simulator (SIMULATOR_STEP_MS=0, every message delivered before the next send), ` +
        `LOG_LEVEL=warn`,
    )
    if (filled) {
      console.log(`store in ${dataDir} already filled: ${mb(storeBytes(dataDir) / 1024)}; skipping the fill`)
    } else {
      const fillStarted = performance.now()
      console.log(`fill: ${SENDS} sends of ${Math.ceil(TOTAL / SENDS).toLocaleString('en')} recipients`)
      console.log(
        '| messages stored | accept s | deliver s | resident | resident after GC | JS heap after GC | peak resident | store on disk |',
      )
      console.log('|---:|---:|---:|---:|---:|---:|---:|---:|')
      const samples = await fill(base, child, inspectPort, dataDir)
      console.log(`fill took ${((performance.now() - fillStarted) / 1000).toFixed(0)} s`)
      printLevel(samples)
    }
    await lookUps(base, child, dataDir)
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    if (!keep) rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStore()
