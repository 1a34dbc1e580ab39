/**
 * HTTP figures against the real server process (SQLite in a temp dir, simulator gateway), measured with autocannon:
 * repeated look-ups of one message (final, and two not final: answered from the server's look-up cache, which every
 * recorded status drops), look-ups of a different message each time (every one read from the store), and a
 * single-recipient send, each beside the bare `/healthz/live` route in the same run.
 * The ratio to the bare route is the figure to compare across machines.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const ROOT = join(import.meta.dirname, '..')
const KEY = `smsd_${'Bench'.padEnd(32, '0')}`
const OPERATOR_KEY = `smso_${'Bench'.padEnd(32, '0')}`
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50)
const COLD_MESSAGES = 20_000

interface Figure {
  label: string
  rps: number
  p99: number
  non2xx: number
  errors: number
}

/**
 * Credits the demo account with plenty. Money comes from the provider: the bench books it as the webshop would,
 * through the operator API.
 */
export async function fundDemoAccount(base: string, key: string, operatorKey: string): Promise<void> {
  const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }
  const account = (await (await fetch(`${base}/api/v1/account`, { headers })).json()) as { id: string }
  const credit = await fetch(`${base}/api/v1/operator/accounts/${account.id}/credits`, {
    method: 'POST',
    headers: { ...headers, Authorization: `Bearer ${operatorKey}` },
    body: JSON.stringify({ amount: 100_000_000_00, reference: 'bench' }),
  })
  if (credit.status !== 201) throw new Error(`credit failed: ${credit.status}`)
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** How a bench starts the server: always on 127.0.0.1 with its own data directory, keys and no rate limit. */
export interface ServerStart {
  port: number
  dataDir: string
  apiKey: string
  operatorKey: string
  /** Added to (and overriding) the bench's environment and the settings above. */
  env?: Record<string, string>
  /** Node's own flags before the entry point (`--inspect=…`). */
  nodeArgs?: readonly string[]
  /** The compiled server, as `npm start` runs it, instead of the sources through tsx. */
  compiled?: boolean
  stdio?: SpawnOptions['stdio']
}

/**
 * Spawns the server as a benchmark runs it: the simulator answering at once (SIMULATOR_STEP_MS=0) and no rate limit.
 * `node` itself is the child, with tsx as a loader for the sources, so `child.pid` is the server's own process (for
 * its memory and CPU figures).
 */
export function spawnServer(start: ServerStart): ChildProcess {
  const entry = start.compiled
    ? ['--conditions=compiled', '--enable-source-maps', 'packages/server/dist/main.js']
    : ['--import', 'tsx', 'packages/server/src/main.ts']
  return spawn(process.execPath, [...(start.nodeArgs ?? []), ...entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(start.port),
      DATA_DIR: start.dataDir,
      BOOTSTRAP_API_KEY: start.apiKey,
      BOOTSTRAP_OPERATOR_KEY: start.operatorKey,
      RATE_LIMIT_PER_MINUTE: '0',
      SIMULATOR_STEP_MS: '0',
      ...start.env,
    },
    stdio: start.stdio ?? ['ignore', 'ignore', 'inherit'],
  })
}

export async function waitUntilHealthy(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('the server exited during start-up')
    try {
      if ((await fetch(`${base}/healthz`)).ok) return
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the server did not start in 30 s')
}

async function waitUntilStatus(
  base: string,
  id: string,
  headers: Record<string, string>,
  done: (m: { final: boolean; status: { code: number } }) => boolean,
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const m = (await (await fetch(`${base}/api/v1/messages/${id}`, { headers })).json()) as {
      final: boolean
      status: { code: number }
    }
    if (done(m)) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`message ${id} never reached the status the bench needs`)
}

interface Memory {
  rssKb: number
  /** The highest resident size so far (VmHWM). */
  peakKb: number
}

/** The server process's resident memory now and at its peak, as Linux reports it. */
function serverMemory(child: ChildProcess): Memory {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') }
}

async function measure(label: string, options: autocannon.Options): Promise<Figure> {
  // A short warm-up so the JIT and the SQLite page cache are not part of the figure.
  await autocannon({ ...options, duration: 2 })
  const r = await autocannon({ ...options, duration: DURATION_S })
  return { label, rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors }
}

export default async function benchHttp(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-http-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawnServer({
    port,
    dataDir,
    apiKey: KEY,
    operatorKey: OPERATOR_KEY,
    // Per-request info logs are on by default; the bench keeps warnings only, as a busy deployment would.
    env: { LOG_LEVEL: 'warn' },
  })
  try {
    await waitUntilHealthy(base, child)
    const memoryAt: [string, Memory][] = [['started, empty database', serverMemory(child)]]
    const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }
    await fundDemoAccount(base, KEY, OPERATOR_KEY)
    const sendBody = JSON.stringify({
      sender: 'Bench',
      body: 'Hej! Din tid är bokad.',
      recipients: ['+46701234201'],
    })
    const first = (await (
      await fetch(`${base}/api/v1/messages`, { method: 'POST', headers, body: sendBody })
    ).json()) as {
      messages: { id: string }[]
    }
    const messageId = first.messages[0]!.id
    // Not final, two ways, looked up again and again as a client polling for the outcome would:
    // a scheduled message (103 Funded, three steps) and one on its way (the simulator's path for a number ending
    // in 503 stops at 503 SubscriberOffline, not final: eight steps of history, like a message awaiting delivery).
    const later = JSON.stringify({
      sender: 'Bench',
      body: 'Påminnelse',
      recipients: ['+46701234202'],
      sendAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
    const scheduled = (await (
      await fetch(`${base}/api/v1/messages`, { method: 'POST', headers, body: later })
    ).json()) as {
      messages: { id: string }[]
    }
    const pendingId = scheduled.messages[0]!.id
    const offline = (await (
      await fetch(`${base}/api/v1/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ sender: 'Bench', body: 'Hej', recipients: ['+46701234503'] }),
      })
    ).json()) as { messages: { id: string }[] }
    const onItsWayId = offline.messages[0]!.id
    // More distinct messages than the server's look-up cache holds (10,000), looked up in turn, so every look-up
    // misses the cache and reads the store: what a look-up costs the first time.
    const many = (await (
      await fetch(`${base}/api/v1/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          sender: 'Bench',
          body: 'Påminnelse',
          recipients: Array.from({ length: COLD_MESSAGES }, (_, i) => `+4670${String(i).padStart(7, '0')}`),
          sendAt: new Date(Date.now() + 86_400_000).toISOString(),
        }),
      })
    ).json()) as { messagesUrl: string }
    // A large send answers with a link to page through its messages instead of listing them.
    const coldIds: string[] = []
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page = (await (
        await fetch(`${base}${many.messagesUrl}&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers })
      ).json()) as { items: { id: string }[]; nextCursor: string | null }
      for (const m of page.items) coldIds.push(m.id)
      cursor = page.nextCursor
    }
    if (coldIds.length !== COLD_MESSAGES) throw new Error('the cold look-up batch was not stored')
    let nextCold = 0
    await waitUntilStatus(base, messageId, headers, (m) => m.final)
    await waitUntilStatus(base, onItsWayId, headers, (m) => m.status.code === 503 && !m.final)

    const common = { connections: CONNECTIONS, pipelining: 1 }
    memoryAt.push(['with 20,003 messages stored', serverMemory(child)])
    const bare = await measure('GET /healthz/live (bare)', { ...common, url: `${base}/healthz/live` })
    memoryAt.push(['after the bare route (baseline)', serverMemory(child)])
    const lookup = await measure('GET /api/v1/messages/:id (final)', {
      ...common,
      url: `${base}/api/v1/messages/${messageId}`,
      headers,
    })
    const lookupPending = await measure('GET /api/v1/messages/:id (not final: scheduled, 3 steps)', {
      ...common,
      url: `${base}/api/v1/messages/${pendingId}`,
      headers,
    })
    const lookupOnItsWay = await measure('GET /api/v1/messages/:id (not final: on its way, 8 steps)', {
      ...common,
      url: `${base}/api/v1/messages/${onItsWayId}`,
      headers,
    })
    const lookupCold = await measure(
      'GET /api/v1/messages/:id (not final, each a different message: store)',
      {
        ...common,
        url: base,
        headers,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              path: `/api/v1/messages/${coldIds[nextCold++ % coldIds.length]}`,
            }),
          },
        ],
      },
    )
    memoryAt.push(['after the look-ups', serverMemory(child)])
    const bareAgain = await measure('GET /healthz/live (bare, again)', {
      ...common,
      url: `${base}/healthz/live`,
    })
    const sends = await measure('POST /api/v1/messages (1 recipient)', {
      ...common,
      url: `${base}/api/v1/messages`,
      method: 'POST',
      headers,
      body: sendBody,
    })
    memoryAt.push(['after the sends', serverMemory(child)])

    const baseline = (bare.rps + bareAgain.rps) / 2
    console.log(
      `server: SQLite, simulator, ${CONNECTIONS} connections, ${DURATION_S} s per route, LOG_LEVEL=warn`,
    )
    console.log('| route | req/s | p99 ms | vs bare | non-2xx | errors |')
    console.log('|---|---:|---:|---:|---:|---:|')
    for (const f of [bare, lookup, lookupPending, lookupOnItsWay, lookupCold, bareAgain, sends]) {
      const ratio = `${Math.round((f.rps / baseline) * 100)}%`
      console.log(`| ${f.label} | ${Math.round(f.rps)} | ${f.p99} | ${ratio} | ${f.non2xx} | ${f.errors} |`)
    }
    console.log(
      `look-up / bare: ${Math.round((lookup.rps / baseline) * 100)}% final, ` +
        `${Math.round((lookupPending.rps / baseline) * 100)}% scheduled, ` +
        `${Math.round((lookupOnItsWay.rps / baseline) * 100)}% on its way (aim ≥ 70%), ` +
        `${Math.round((lookupCold.rps / baseline) * 100)}% read from the store; ` +
        `sends: ${Math.round(sends.rps)}/s with the dispatcher running (aim ≥ 3,000/s on 2 cores)`,
    )
    const mb = (kb: number) => `${Math.round(kb / 1024)} MB`
    const baselineRss = memoryAt[2]?.[1].rssKb ?? 1
    console.log('server memory (resident, from /proc):')
    for (const [label, m] of memoryAt)
      console.log(
        `  ${label.padEnd(34)} ${mb(m.rssKb).padStart(7)}  (${(m.rssKb / baselineRss).toFixed(2)}× baseline)`,
      )
    const peak = memoryAt.at(-1)?.[1].peakKb ?? 0
    console.log(
      `  peak over the whole run            ${mb(peak).padStart(7)}  (${(peak / baselineRss).toFixed(2)}× baseline)`,
    )
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHttp()
