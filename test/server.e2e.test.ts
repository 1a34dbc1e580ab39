/**
 * End to end, as a user runs it: the server's entry point (compiled `packages/server/dist/main.js`, what `npm start` runs
 * once built) in a fresh data directory, then real HTTP — send to simulator numbers, watch them reach
 * final statuses, see the balance change — and SIGTERM, which must drain and exit 0. `npm start` itself is started
 * too, and stopped the way a terminal's Ctrl-C stops it (a signal to its whole process group).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, MAIN, type Started, start, waitForHealth } from './server-process.ts'

const API_KEY = 'smsd_E2eTestKey0123456789abcdefghijkl'

describe('the server process, end to end', () => {
  let dataDir: string
  let base: string
  let server: Started

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = start(MAIN, {
      PORT: String(port),
      DATA_DIR: dataDir,
      BOOTSTRAP_API_KEY: API_KEY,
      SIMULATOR_STEP_MS: '20',
      LOG_LEVEL: 'info',
    })
    await waitForHealth(base, server)
  }, 120_000)

  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    // biome-ignore lint/suspicious/noExplicitAny: test assertions read whatever the API answered.
    return { status: res.status, body: (await res.json()) as Record<string, any> }
  }

  it('starts with the demo account: 100 SEK, admin key from BOOTSTRAP_API_KEY', async () => {
    const balance = await api('GET', '/api/v1/balance')
    expect(balance).toEqual({ status: 200, body: { balance: { amount: 10_000, currency: 'SEK' } } })
    const account = await api('GET', '/api/v1/account')
    expect(account.body.virtualNumbers).toEqual(['+46700000000'])
  })

  it('sends to simulator numbers, sees final statuses and the balance change', async () => {
    const sent = await api('POST', '/api/v1/messages', {
      sender: 'Smsdesk',
      body: 'Hej från e2e-testet',
      recipients: ['+46701234201', '+46701234501'],
    })
    expect(sent.status).toBe(202)
    const price = sent.body.total.price.amount as number
    expect(price).toBeGreaterThan(0)
    const ids = (sent.body.messages as { id: string }[]).map((m) => m.id)

    const finals: number[] = []
    for (const id of ids) {
      const deadline = Date.now() + 30_000
      for (;;) {
        const m = await api('GET', `/api/v1/messages/${id}`)
        if (m.body.final) {
          finals.push(m.body.status.code)
          expect(m.body.statuses.map((s: { code: number }) => s.code).slice(0, 5)).toEqual([
            101, 102, 103, 110, 111,
          ])
          break
        }
        if (Date.now() > deadline)
          throw new Error(`message ${id} never became final: ${JSON.stringify(m.body)}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    expect(finals).toEqual([201, 501])
    const after = await api('GET', '/api/v1/balance')
    expect(after.body.balance.amount).toBe(10_000 - price)
  })

  it('logs JSON lines with request ids and never the API key', () => {
    const lines = server.stdout.join('').split('\n').filter(Boolean)
    expect(lines.length).toBeGreaterThan(3)
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string; reqId?: string })
    expect(parsed.some((l) => l.msg === 'request' && typeof l.reqId === 'string')).toBe(true)
    expect(server.stdout.join('')).not.toContain(API_KEY)
    expect(server.stderr.join('')).not.toContain(API_KEY)
  })

  it('drains and exits 0 on SIGTERM', async () => {
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    await expect(fetch(`${base}/healthz`)).rejects.toThrow()
  }, 30_000)
})

describe('start-up problems', () => {
  it('stops with one clear line naming the variable and exit code 1', async () => {
    const proc = start(MAIN, {
      PORT: 'eighty',
      DATA_DIR: tmpdir(),
    })
    expect(await proc.exited).toBe(1)
    const err = proc.stderr.join('').trim()
    expect(err.split('\n')).toHaveLength(1)
    expect(err).toBe('Configuration error: PORT must be a whole number from 0 to 65535 (got "eighty")')
    expect(proc.stdout.join('')).toBe('')
  }, 30_000)

  it('prints the generated keys once, on their own lines, and not again on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-'))
    try {
      const env = {
        PORT: String(await freePort()),
        DATA_DIR: dir,
        LOG_LEVEL: 'warn',
        BOOTSTRAP_API_KEY: '',
        BOOTSTRAP_OPERATOR_KEY: '',
      }
      const first = start(MAIN, env)
      await waitForHealth(`http://127.0.0.1:${env.PORT}`, first)
      const keyLine = first.stderr
        .join('')
        .split('\n')
        .find((l) => l.includes('API key'))
      const key = /smsd_[A-Za-z0-9]{32}/.exec(keyLine ?? '')?.[0]
      expect(key).toBeDefined()
      const ok = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/balance`, {
        headers: { Authorization: `Bearer ${key}` },
      })
      expect(ok.status).toBe(200)
      expect(first.stdout.join('')).not.toContain(key!)
      const operatorKey = /smso_[A-Za-z0-9]{32}/.exec(first.stderr.join(''))?.[0]
      expect(operatorKey).toBeDefined()
      const audit = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/operator/audit`, {
        headers: { Authorization: `Bearer ${operatorKey}` },
      })
      expect(audit.status).toBe(200)
      // The only secrets ever printed are those keys: the random callback-signing secret is announced, not shown.
      const stderr = first.stderr.join('')
      expect(stderr).toContain('CALLBACK_SIGNING_SECRET is not set')
      const secretLike = stderr.match(/[A-Za-z0-9_-]{24,}/g) ?? []
      expect(secretLike.filter((token) => token !== key && token !== operatorKey)).toEqual([])
      first.child.kill('SIGTERM')
      expect(await first.exited).toBe(0)

      const second = start(MAIN, env)
      await waitForHealth(`http://127.0.0.1:${env.PORT}`, second)
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
      expect(second.stderr.join('')).not.toMatch(/smsd_|smso_/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('npm start', () => {
  it('builds the widget and serves it beside the API; Ctrl-C stops every process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-'))
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const proc = start(
      ['npm', 'start', '--silent'],
      { PORT: String(port), DATA_DIR: dir, BOOTSTRAP_API_KEY: API_KEY, LOG_LEVEL: 'warn' },
      true,
    )
    try {
      await waitForHealth(base, proc)
      const widget = await fetch(`${base}/widget.js`)
      expect(widget.status).toBe(200)
      expect(widget.headers.get('content-type')).toMatch(/javascript/)
      const balance = await fetch(`${base}/api/v1/balance`, {
        headers: { Authorization: `Bearer ${API_KEY}` },
      })
      expect(await balance.json()).toEqual({ balance: { amount: 10_000, currency: 'SEK' } })
    } finally {
      process.kill(-proc.child.pid!, 'SIGINT')
      await proc.exited
      rmSync(dir, { recursive: true, force: true })
    }
    // Nothing is left listening once the group is gone.
    await new Promise((r) => setTimeout(r, 500))
    await expect(fetch(`${base}/healthz`)).rejects.toThrow()
  }, 120_000)

  it('exits 0 when only npm gets SIGTERM, as a container runtime sends it, and leaves nothing running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-e2e-'))
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    // Its own process group, so the cleanup below can reach anything left behind; the signal goes to npm alone.
    const proc = start(
      ['npm', 'start', '--silent'],
      { PORT: String(port), DATA_DIR: dir, BOOTSTRAP_API_KEY: API_KEY, LOG_LEVEL: 'warn' },
      true,
    )
    try {
      await waitForHealth(base, proc)
      proc.child.kill('SIGTERM')
      expect(await proc.exited).toBe(0)
      await new Promise((r) => setTimeout(r, 500))
      await expect(fetch(`${base}/healthz`)).rejects.toThrow()
    } finally {
      try {
        process.kill(-proc.child.pid!, 'SIGKILL')
      } catch {
        // the group is already gone, as it should be
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
