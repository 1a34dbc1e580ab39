/** `/healthz` (is the database answering?) and `/healthz/live` (is the process up?), for probes. */
import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { AppEnv } from '../http/env.ts'

export function healthRoutes(checkDatabase: () => Promise<void>, logger: Logger) {
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
  return app
}
