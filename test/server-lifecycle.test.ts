/** startServer in-process: the demo account on first start, draining a request in flight on stop, bad config. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTestDatabase, testDialects } from '@smsdesk/core/testing'
import { ConfigError, startServer } from '@smsdesk/server'
import { afterEach, describe, expect, it } from 'vitest'

const KEY = 'smsd_LifecycleKey0123456789abcdefghij'

describe('startServer', () => {
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-life-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  const env = (dir: string, more: Record<string, string> = {}) => ({
    PORT: '0',
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    BOOTSTRAP_API_KEY: KEY,
    BOT_TEAMS: 'off',
    ...more,
  })

  it('creates the demo account once, with the BOOTSTRAP_API_KEY stored hashed', async () => {
    const dir = tempDir()
    const notes: string[] = []
    const first = await startServer(env(dir), { announce: (l) => notes.push(l) })
    try {
      expect(first.port).toBeGreaterThan(0)
      expect(first.bootstrap).toMatchObject({ apiKey: KEY, generated: false })
      const account = await first.desk.accounts.get(first.bootstrap!.accountId)
      expect(account).toMatchObject({ name: 'Demo', currency: 'SEK', virtualNumbers: ['+46700000000'] })
      expect(account.balance).toEqual({ amount: 10_000, currency: 'SEK' })
      expect((await first.desk.users.list(account.id)).map((u) => u.role)).toEqual(['admin'])
      expect(notes.join('\n')).not.toContain(KEY)
      const res = await fetch(`${first.url}/api/v1/account`, { headers: { Authorization: `Bearer ${KEY}` } })
      expect(res.status).toBe(200)
    } finally {
      await first.stop()
    }
    const second = await startServer(env(dir), { announce: () => {} })
    try {
      expect(second.bootstrap).toBeNull()
      const res = await fetch(`${second.url}/api/v1/balance`, { headers: { Authorization: `Bearer ${KEY}` } })
      expect(await res.json()).toEqual({ balance: { amount: 10_000, currency: 'SEK' } })
    } finally {
      await second.stop()
    }
  })

  it('answers a request already in flight before it stops, then refuses new connections', async () => {
    const server = await startServer(env(tempDir()), { announce: () => {} })
    // The body arrives in two parts with a pause between, so the request is surely in flight when stop() begins.
    const json = JSON.stringify({ sender: 'Smsdesk', body: 'Hej', recipients: ['+46701234201'] })
    const encoder = new TextEncoder()
    let sentFirstPart!: () => void
    const firstPartSent = new Promise<void>((r) => {
      sentFirstPart = r
    })
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(json.slice(0, 20)))
        sentFirstPart()
        await new Promise((r) => setTimeout(r, 400))
        controller.enqueue(encoder.encode(json.slice(20)))
        controller.close()
      },
    })
    const inFlight = fetch(`${server.url}/api/v1/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    await firstPartSent
    await new Promise((r) => setTimeout(r, 100))
    const stopped = server.stop()
    const res = await inFlight
    expect(res.status).toBe(202)
    expect(((await res.json()) as { messages: unknown[] }).messages).toHaveLength(1)
    await stopped
    await expect(fetch(`${server.url}/healthz/live`)).rejects.toThrow()
  })

  it('refuses a body over MAX_BODY_BYTES over real HTTP, by its Content-Length or as it streams, storing nothing', async () => {
    const server = await startServer(env(tempDir(), { MAX_BODY_BYTES: '4096' }), { announce: () => {} })
    try {
      const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }
      const json = (body: string) => JSON.stringify({ sender: 'Smsdesk', body, recipients: ['+46701234201'] })
      const send = (body: BodyInit) =>
        fetch(`${server.url}/api/v1/messages`, {
          method: 'POST',
          headers,
          body,
          duplex: 'half',
        } as RequestInit)
      // A string body goes with a Content-Length; a stream goes chunked, its length known only at the end.
      const chunked = (text: string) =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            const bytes = new TextEncoder().encode(text)
            for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000))
            controller.close()
          },
        })
      for (const res of [await send(json('x'.repeat(5000))), await send(chunked(json('x'.repeat(5000))))]) {
        expect(res.status).toBe(413)
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PayloadTooLarge')
      }
      const list = await fetch(`${server.url}/api/v1/messages`, { headers })
      expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(0)
      // Under the limit, both ways are read and sent.
      for (const res of [await send(json('Hej')), await send(chunked(json('Hej igen')))])
        expect(res.status).toBe(202)
    } finally {
      await server.stop()
    }
  })

  it('refuses bad configuration before opening anything', async () => {
    const dir = tempDir()
    await expect(startServer(env(dir, { GATEWAY: 'ip1' }))).rejects.toThrow(ConfigError)
    await expect(startServer(env(dir, { GATEWAY: 'ip1' }))).rejects.toThrow(/IP1_API_KEY is required/)
    await expect(startServer(env(dir, { BOOTSTRAP_API_KEY: 'secret123' }))).rejects.toThrow(
      /BOOTSTRAP_API_KEY/,
    )
    await expect(startServer(env(dir, { SLACK_SIGNING_SECRET: 'abc' }))).rejects.toThrow(/SLACK_BOT_TOKEN/)
  })
})

// SQLite is what every other test here runs on; this one needs PostgreSQL, when the run has it (SMSDESK_TEST_PG).
for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`startServer on ${dialect}`, () => {
    it('runs on DATABASE_URL: bootstrap, a send through the dispatcher, a clean stop', async () => {
      const pg = await openTestDatabase(dialect)
      const dir = mkdtempSync(join(tmpdir(), 'smsdesk-life-'))
      const server = await startServer(
        {
          PORT: '0',
          DATA_DIR: dir,
          DATABASE_URL: pg.url,
          LOG_LEVEL: 'silent',
          BOOTSTRAP_API_KEY: KEY,
          BOT_TEAMS: 'off',
          SIMULATOR_STEP_MS: '0',
        },
        { announce: () => {} },
      )
      try {
        expect(server.config.databaseKind).toBe('postgres')
        const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }
        const sent = (await (
          await fetch(`${server.url}/api/v1/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ sender: 'Smsdesk', body: 'Hej', recipients: ['+46701234201'] }),
          })
        ).json()) as { messages: { id: string }[] }
        const id = sent.messages[0]!.id
        let final: { status: { code: number }; final: boolean } | undefined
        for (let i = 0; i < 200 && !final?.final; i++) {
          await new Promise((r) => setTimeout(r, 50))
          final = (await (
            await fetch(`${server.url}/api/v1/messages/${id}`, { headers })
          ).json()) as typeof final
        }
        expect(final?.status.code).toBe(201)
        // The data is in the PostgreSQL schema, not in a SQLite file under DATA_DIR.
        const rows = await pg.db.selectFrom('messages').select('id').execute()
        expect(rows.map((r) => r.id)).toEqual([id])
      } finally {
        await server.stop()
        await pg.close()
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}
