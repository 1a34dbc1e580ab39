/**
 * Probes: `/healthz/live` (is the process up?), `/healthz` (is the database answering?) and `/readyz` (may this
 * process take traffic: database reachable, migrations applied, dispatcher running?).
 */
import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { AppEnv } from '../http/env.ts'

/** What `/readyz` checks; each part throws (or answers false) when it is not ready. */
export interface Readiness {
  database(): Promise<void>
  /** Names of migrations not yet applied. */
  pendingMigrations?(): Promise<string[]>
  dispatcherRunning?(): boolean
}

export function healthRoutes(checkDatabase: () => Promise<void>, logger: Logger, readiness?: Readiness) {
  const app = new Hono<AppEnv>()
  // Liveness costs nothing: it is also the bare baseline the HTTP benchmark compares the API against.
  app.get('/healthz/live', (c) => c.json({ status: 'ok' }))
  app.get('/healthz', async (c) => {
    try {
      await checkDatabase()
      return c.json({ status: 'ok', database: 'ok' })
    } catch (err) {
      logger.warn({ err }, 'health check: the database did not answer')
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503)
    }
  })
  app.get('/readyz', async (c) => {
    const ready = readiness ?? { database: checkDatabase }
    let database: 'ok' | 'unreachable' = 'ok'
    let migrations: 'ok' | 'pending' | 'unknown' = 'unknown'
    try {
      await ready.database()
      if (ready.pendingMigrations)
        migrations = (await ready.pendingMigrations()).length === 0 ? 'ok' : 'pending'
    } catch (err) {
      logger.warn({ err }, 'readiness check: the database did not answer')
      database = 'unreachable'
    }
    const dispatcher = ready.dispatcherRunning
      ? ready.dispatcherRunning()
        ? 'running'
        : 'stopped'
      : 'unknown'
    const ok = database === 'ok' && migrations !== 'pending' && dispatcher !== 'stopped'
    return c.json({ status: ok ? 'ready' : 'unavailable', database, migrations, dispatcher }, ok ? 200 : 503)
  })
  return app
}
