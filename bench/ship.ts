/**
 * The shipped server: start-up time (spawn → `/readyz` ready) and resident memory of the compiled server beside the
 * same server run from sources through tsx, and the widget's bytes on the wire per encoding.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../test/server-process.ts'

const ROOT = join(import.meta.dirname, '..')
const RUNS = 3
const COMMANDS = {
  compiled: [
    process.execPath,
    '--conditions=compiled',
    '--enable-source-maps',
    'packages/server/dist/main.js',
  ],
  tsx: [process.execPath, '--import', 'tsx', 'packages/server/src/main.ts'],
} as const

interface StartFigures {
  readyMs: number
  rssMb: number
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024
}

async function startOnce(command: readonly string[]): Promise<StartFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-ship-'))
  const port = await freePort()
  const started = performance.now()
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      BOT_TEAMS: 'off',
    },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited early`)
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      await new Promise((r) => setTimeout(r, 10))
    }
    const readyMs = performance.now() - started
    // Settled: a second after ready, with the dispatcher and callbacks idling.
    await new Promise((r) => setTimeout(r, 1_000))
    return { readyMs, rssMb: rssMb(child) }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Raw response size (no decoding) of `path` for an Accept-Encoding. */
function wireBytes(
  port: number,
  path: string,
  encoding: string,
): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': encoding } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }))
    }).on('error', reject)
  })
}

async function widgetOnTheWire(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-ship-'))
  const port = await freePort()
  const child = spawn(COMMANDS.compiled[0], COMMANDS.compiled.slice(1), {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dir, LOG_LEVEL: 'silent', BOT_TEAMS: 'off' },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      await new Promise((r) => setTimeout(r, 20))
    }
    const loader = await (await fetch(`http://127.0.0.1:${port}/widget.js`)).text()
    const panel = loader.match(/widget\/panel-[\w-]+\.js/)?.[0]
    const files = [
      '/widget.js',
      ...(panel ? [`/${panel}`] : []),
      '/api/v1/status-codes',
      '/api/v1/openapi.json',
    ]
    console.log('| file | identity | gzip | br |')
    console.log('|---|---|---|---|')
    for (const file of files) {
      const sizes = []
      for (const enc of ['identity', 'gzip', 'br']) {
        const r = await wireBytes(port, file, enc)
        sizes.push(`${r.bytes.toLocaleString('en')} B${r.encoding === enc ? '' : ` (${r.encoding})`}`)
      }
      console.log(`| ${file} | ${sizes.join(' | ')} |`)
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}

export default async function bench(): Promise<void> {
  const figures: Record<string, StartFigures[]> = { compiled: [], tsx: [] }
  // Alternating, so a busy moment of the machine falls on both alike.
  for (let i = 0; i < RUNS; i++) {
    for (const kind of ['compiled', 'tsx'] as const) figures[kind]!.push(await startOnce(COMMANDS[kind]))
  }
  console.log(
    `Start-up on an empty SQLite database (migrate, bootstrap, listen) to /readyz ready; median of ${RUNS}:`,
  )
  console.log('| run | start-up | resident memory 1 s after ready |')
  console.log('|---|---|---|')
  for (const kind of ['compiled', 'tsx'] as const) {
    const f = figures[kind]!
    console.log(
      `| ${kind} | ${Math.round(median(f.map((x) => x.readyMs)))} ms | ${median(f.map((x) => x.rssMb)).toFixed(0)} MB |`,
    )
  }
  console.log(
    '\nBytes on the wire by Accept-Encoding (the widget precompressed at build, the API compressed per response):',
  )
  await widgetOnTheWire()
}
