/** `/readyz` (database, migrations, dispatcher) and a database that cannot serve: a 503 with a stable code, nothing half-written. */

import { createTestDesk, type TestDesk } from '@smsdesk/core/testing'
import { createApp, createLogger, loadConfig } from '@smsdesk/server'
import SQLite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'

let desk: TestDesk | undefined
afterEach(async () => {
  await desk?.close()
  desk = undefined
})

const config = () =>
  loadConfig({ GATEWAY: 'simulator', WEBHOOK_SECRET: 'w'.repeat(32), RATE_LIMIT_PER_MINUTE: '0' })
const logger = () => createLogger('silent')

describe('/readyz', () => {
  it('is ready with the database up, no pending migration and the dispatcher running, and says which part is not', async () => {
    desk = await createTestDesk('sqlite')
    let databaseUp = true
    let dispatching = true
    let pending: string[] = []
    const app = createApp({
      desk,
      config: config(),
      logger: logger(),
      readiness: {
        database: async () => {
          if (!databaseUp) throw new Error('Connection terminated unexpectedly')
        },
        pendingMigrations: async () => pending,
        dispatcherRunning: () => dispatching,
      },
    })
    const ready = async () => {
      const res = await app.request('/readyz')
      return { status: res.status, body: await res.json() }
    }
    expect(await ready()).toEqual({
      status: 200,
      body: { status: 'ready', database: 'ok', migrations: 'ok', dispatcher: 'running' },
    })
    databaseUp = false
    expect(await ready()).toMatchObject({
      status: 503,
      body: { status: 'unavailable', database: 'unreachable' },
    })
    databaseUp = true
    pending = ['2099-01-01-later']
    expect(await ready()).toMatchObject({ status: 503, body: { migrations: 'pending' } })
    pending = []
    dispatching = false
    expect(await ready()).toMatchObject({ status: 503, body: { dispatcher: 'stopped' } })
    // Liveness does not care.
    expect((await app.request('/healthz/live')).status).toBe(200)
  })
})

describe('a database that cannot serve', () => {
  it('answers a send that meets SQLITE_BUSY with 503 Unavailable and keeps nothing of it', async () => {
    desk = await createTestDesk('sqlite')
    const account = await desk.accounts.create({ name: 'Busy', balance: 10_000 })
    const user = await desk.users.create(account.id, { name: 'admin', role: 'admin' })
    const { key } = await desk.apiKeys.issue(account.id, user.id)
    const app = createApp({ desk, config: config(), logger: logger() })
    // Another process holds the write lock for longer than our busy_timeout.
    const other = new SQLite(desk.url)
    other.pragma('busy_timeout = 0')
    other.exec('begin exclusive')
    try {
      const res = await app.request('/api/v1/messages', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sender: 'Busy', body: 'Hej', recipients: ['+46701234567'] }),
      })
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('1')
      const body = (await res.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('Unavailable')
      expect(body.error.message).toMatch(/busy/)
    } finally {
      other.exec('rollback')
      other.close()
    }
    const messages = await desk.db.selectFrom('messages').select('id').execute()
    expect(messages).toEqual([])
    expect((await desk.ledger.balance(account.id)).amount).toBe(10_000)
  }, 20_000)
})
