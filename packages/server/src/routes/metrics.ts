/** `GET /metrics` in Prometheus' text format, behind `Authorization: Bearer $METRICS_TOKEN`; off when unset. */
import { Hono } from 'hono'
import type { AppEnv } from '../http/env.ts'
import { errorJson } from '../http/errors.ts'
import type { Metrics } from '../observe/metrics.ts'
import { secretMatches } from './ip1-webhooks.ts'

export function metricsRoutes(metrics: Metrics, token: string | undefined) {
  const app = new Hono<AppEnv>()
  app.get('/metrics', async (c) => {
    if (!token) {
      return errorJson(c, 404, {
        code: 'NotFound',
        message: 'Metrics are off: set METRICS_TOKEN to turn them on.',
      })
    }
    const given = c.req.header('Authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
    if (!secretMatches(token, given)) {
      return errorJson(c, 401, {
        code: 'Unauthorized',
        message: 'Send Authorization: Bearer <METRICS_TOKEN>.',
      })
    }
    c.header('Cache-Control', 'no-store')
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType })
  })
  return app
}
