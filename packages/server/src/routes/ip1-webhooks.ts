/**
 * `POST /webhooks/ip1/delivery-reports` and `/webhooks/ip1/inbound`: what iP1 pushes to us. The shared secret
 * comes as the last path segment or the `X-Webhook-Secret` header and is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { type Desk, parseIp1DeliveryReports, parseIp1Inbound } from '@smsdesk/core'
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../http/env.ts'
import { errorJson } from '../http/errors.ts'

/** Equal-length digests, so neither the comparison nor its length check says how much of a guess was right. */
export function secretMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}

export function ip1WebhookRoutes(desk: Desk, webhookSecret: string | undefined) {
  const app = new Hono<AppEnv>()

  /** The parsed JSON body, or a ready error response. */
  async function readBody(c: Context<AppEnv>): Promise<{ body: unknown } | Response> {
    if (!webhookSecret) {
      return errorJson(c, 404, {
        code: 'NotFound',
        message: 'The iP1 webhooks are off: set WEBHOOK_SECRET to turn them on.',
      })
    }
    const given = c.req.param('secret') ?? c.req.header('x-webhook-secret')
    if (!secretMatches(webhookSecret, given)) {
      return errorJson(c, 401, { code: 'Unauthorized', message: 'Missing or wrong webhook secret.' })
    }
    try {
      return { body: await c.req.json() }
    } catch {
      return errorJson(c, 400, { code: 'MalformedRequest', message: 'The request body is not valid JSON.' })
    }
  }

  async function deliveryReports(c: Context<AppEnv>): Promise<Response> {
    const read = await readBody(c)
    if (read instanceof Response) return read
    const reports = parseIp1DeliveryReports(read.body)
    const tally = { received: reports.length, recorded: 0, duplicate: 0, unknown: 0 }
    // One at a time, in the order sent: the core keeps the history right even when iP1's order is not.
    for (const report of reports) tally[await desk.messages.recordDeliveryReport(report)]++
    return c.json(tally)
  }

  async function inbound(c: Context<AppEnv>): Promise<Response> {
    const read = await readBody(c)
    if (read instanceof Response) return read
    const messages = parseIp1Inbound(read.body)
    const results = []
    for (const sms of messages) {
      const result = await desk.inbound.receive(sms)
      results.push({ id: result.id, action: result.action })
    }
    return c.json({ received: messages.length, results })
  }

  app.post('/webhooks/ip1/delivery-reports', deliveryReports)
  app.post('/webhooks/ip1/delivery-reports/:secret', deliveryReports)
  app.post('/webhooks/ip1/inbound', inbound)
  app.post('/webhooks/ip1/inbound/:secret', inbound)
  return app
}
