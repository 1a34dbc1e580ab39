/** `GET /readyz`: may this instance take traffic? The database answers, its schema is current, the dispatcher runs. */
import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { AppEnv } from '../http/env.ts'

/** What readiness is made of; `startServer` wires the real ones. */
export interface ReadinessProbes {
  /** Throws when the database does not answer. */
  database(): Promise<void>
  /** Names of migrations not yet applied. */
  pendingMigrations(): Promise<string[]>
  /** True while the outbox dispatcher is started and not stopping. */
  dispatcherRunning(): boolean
}

export interface Readiness {
  status: 'ready' | 'unavailable'
  database: 'ok' | 'unreachable'
  migrations: 'applied' | 'pending' | 'unknown'
  dispatcher: 'running' | 'stopped'
}

/** Answers 200 when every probe passes and 503 with the failing parts otherwise. */
export function readinessRoutes(probes: ReadinessProbes, logger: Logger) {
  const app = new Hono<AppEnv>()
  app.get('/readyz', async (c) => {
    const report = await readiness(probes, logger)
    c.header('Cache-Control', 'no-store')
    return c.json(report, report.status === 'ready' ? 200 : 503)
  })
  return app
}

async function readiness(probes: ReadinessProbes, logger: Logger): Promise<Readiness> {
  let database: Readiness['database'] = 'ok'
  let migrations: Readiness['migrations'] = 'unknown'
  try {
    await probes.database()
    migrations = (await probes.pendingMigrations()).length === 0 ? 'applied' : 'pending'
  } catch (err) {
    logger.warn({ err }, 'readiness: the database did not answer')
    database = 'unreachable'
  }
  const dispatcher = probes.dispatcherRunning() ? 'running' : 'stopped'
  const ready = database === 'ok' && migrations === 'applied' && dispatcher === 'running'
  return { status: ready ? 'ready' : 'unavailable', database, migrations, dispatcher }
}
