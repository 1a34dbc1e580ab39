/** Runs the real server as a child process for end-to-end tests: a free port, output capture, a health wait. */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export interface Started {
  child: ChildProcess
  stdout: string[]
  stderr: string[]
  exited: Promise<number | null>
}

/** The compiled server, as `npm start` runs it (`npm test` builds first); the sources with SMSDESK_E2E_SOURCE=1. */
export const COMPILED_MAIN = [
  process.execPath,
  '--conditions=compiled',
  '--enable-source-maps',
  'packages/server/dist/main.js',
]
export const SOURCE_MAIN = ['node_modules/.bin/tsx', 'packages/server/src/main.ts']
export const MAIN = process.env.SMSDESK_E2E_SOURCE === '1' ? SOURCE_MAIN : COMPILED_MAIN

export function start(command: string[], env: Record<string, string>, detached = false): Started {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  })
  const stdout: string[] = []
  const stderr: string[] = []
  child.stdout!.setEncoding('utf8').on('data', (d: string) => stdout.push(d))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => stderr.push(d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, stdout, stderr, exited }
}

export async function waitForHealth(base: string, proc: Started, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`server exited early: ${proc.stderr.join('')}`)
    try {
      const res = await fetch(`${base}/healthz`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`server did not become healthy: ${proc.stderr.join('')}`)
}
