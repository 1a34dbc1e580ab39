/** Shared set-up for the server tests: the real app over a test Desk, two accounts, a key per role, a JSON client. */
import type { Dialect } from '@smsdesk/core'
import { createTestDesk, type TestDesk } from '@smsdesk/core/testing'
import { createApp, createLogger, loadConfig } from '@smsdesk/server'

export const WEBHOOK_SECRET = 'whsec-test-0123456789abcdef'
export const VIRTUAL_NUMBER = '+46700000001'
export const OTHER_VIRTUAL_NUMBER = '+46700000002'

export interface Reply {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read whatever the API answered.
  body: any
  text: string
}

export interface Harness {
  desk: TestDesk
  app: ReturnType<typeof createApp>
  accountId: string
  otherAccountId: string
  keys: { admin: string; sender: string; viewer: string; other: string }
  /** Every log line the app wrote. */
  logs: string[]
  call(
    method: string,
    path: string,
    opts?: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Reply>
  messageCount(): Promise<number>
  close(): Promise<void>
}

/** The app with `env` on top of test defaults (simulator, webhook secret, no rate limit). */
export async function startHarness(dialect: Dialect, env: Record<string, string> = {}): Promise<Harness> {
  const desk = await createTestDesk(dialect, { publicUrl: env.PUBLIC_URL ?? 'https://sms.example.test' })
  const config = loadConfig({
    GATEWAY: 'simulator',
    WEBHOOK_SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    MAX_BODY_BYTES: '65536',
    PUBLIC_URL: 'https://sms.example.test',
    ...env,
  })
  const logs: string[] = []
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) })
  const app = createApp({ desk, config, logger })

  const account = await desk.accounts.create({
    name: 'Frisör Anna',
    currency: 'SEK',
    balance: 10_000,
    virtualNumbers: [VIRTUAL_NUMBER],
  })
  const other = await desk.accounts.create({
    name: 'Other AB',
    balance: 10_000,
    virtualNumbers: [OTHER_VIRTUAL_NUMBER],
  })
  const keyFor = async (accountId: string, role: 'admin' | 'sender' | 'viewer') => {
    const user = await desk.users.create(accountId, { name: `${role} user`, role })
    return (await desk.apiKeys.issue(accountId, user.id)).key
  }
  const keys = {
    admin: await keyFor(account.id, 'admin'),
    sender: await keyFor(account.id, 'sender'),
    viewer: await keyFor(account.id, 'viewer'),
    other: await keyFor(other.id, 'admin'),
  }

  return {
    desk,
    app,
    accountId: account.id,
    otherAccountId: other.id,
    keys,
    logs,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers }
      const key = opts.key === undefined ? keys.admin : opts.key
      if (key) headers.Authorization = `Bearer ${key}`
      let body: string | undefined
      if (opts.raw !== undefined) body = opts.raw
      else if (opts.body !== undefined) body = JSON.stringify(opts.body)
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['Content-Type'] = 'application/json'
      const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) })
      const text = await res.text()
      let parsed: unknown = null
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        parsed = null
      }
      return { status: res.status, headers: res.headers, body: parsed, text }
    },
    async messageCount() {
      const row = await desk.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    close: () => desk.close(),
  }
}

/** Waits until `check` holds (for background work such as the dispatcher and callbacks). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}
