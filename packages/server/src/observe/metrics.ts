/** Prometheus metrics (prom-client): HTTP by route pattern, message statuses, dispatch, gateway, callbacks, queues. */
import type {
  CallbackAttempt,
  DispatchBatch,
  OutboundSms,
  QueueDepth,
  SmsGateway,
  StatusChangeEvent,
} from '@smsdesk/core'
import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/** Where the scrape-time gauges read from; `startServer` passes the real store. */
export interface MetricSources {
  queueDepth?: () => Promise<QueueDepth>
  poolStats?: () => { total: number; idle: number; waiting: number }
}

export interface Metrics {
  readonly registry: Registry
  /** Counts and times every request under its route pattern (never its raw path). */
  http(): MiddlewareHandler
  onStatusChange(event: StatusChangeEvent): void
  onBatch(batch: DispatchBatch): void
  onCallbackAttempt(attempt: CallbackAttempt): void
  /** The gateway, its submits timed and its failures counted by kind. */
  instrumentGateway(gateway: SmsGateway): SmsGateway
}

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** A fresh registry with smsdesk's metrics and Node's own (event-loop lag, heap, GC). */
export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 })
  const reg = { registers: [registry] }

  const requests = new Counter({
    name: 'smsdesk_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    ...reg,
  })
  const duration = new Histogram({
    name: 'smsdesk_http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    ...reg,
  })
  const statuses = new Counter({
    name: 'smsdesk_message_statuses_total',
    help: 'Message status changes recorded after sending (dispatch, delivery reports, expiry), by status code',
    labelNames: ['code', 'name'] as const,
    ...reg,
  })
  const batches = new Counter({
    name: 'smsdesk_dispatch_batches_total',
    help: 'Dispatcher batches that claimed messages',
    ...reg,
  })
  const claimed = new Counter({
    name: 'smsdesk_dispatch_claimed_messages_total',
    help: 'Messages claimed for hand-over',
    ...reg,
  })
  const claimSeconds = new Histogram({
    name: 'smsdesk_dispatch_claim_seconds',
    help: 'Time to claim a batch',
    buckets: LATENCY_BUCKETS,
    ...reg,
  })
  const handOverSeconds = new Histogram({
    name: 'smsdesk_dispatch_hand_over_seconds',
    help: 'Time to hand a claimed batch to the gateway and record the answers',
    buckets: LATENCY_BUCKETS,
    ...reg,
  })
  const submitSeconds = new Histogram({
    name: 'smsdesk_gateway_submit_seconds',
    help: 'Gateway submit latency',
    labelNames: ['gateway'] as const,
    buckets: LATENCY_BUCKETS,
    ...reg,
  })
  const gatewayErrors = new Counter({
    name: 'smsdesk_gateway_errors_total',
    help: 'Messages the gateway did not take, by kind: transient, refused, thrown (the whole call failed), unanswered',
    labelNames: ['gateway', 'kind'] as const,
    ...reg,
  })
  const callbacks = new Counter({
    name: 'smsdesk_callback_deliveries_total',
    help: 'Status-callback attempts by outcome: delivered, retrying, failed',
    labelNames: ['outcome'] as const,
    ...reg,
  })
  new Gauge({
    name: 'smsdesk_queue_depth',
    help: 'Work waiting: messages due, messages in flight, callbacks pending',
    labelNames: ['queue'] as const,
    ...reg,
    async collect() {
      if (!sources.queueDepth) return
      const depth = await sources.queueDepth()
      this.set({ queue: 'due' }, depth.due)
      this.set({ queue: 'in_flight' }, depth.inFlight)
      this.set({ queue: 'callbacks_pending' }, depth.callbacksPending)
    },
  })
  new Gauge({
    name: 'smsdesk_db_pool_connections',
    help: 'PostgreSQL pool connections: total, idle, and clients waiting for one',
    labelNames: ['state'] as const,
    ...reg,
    collect() {
      const stats = sources.poolStats?.()
      if (!stats) return
      this.set({ state: 'total' }, stats.total)
      this.set({ state: 'idle' }, stats.idle)
      this.set({ state: 'waiting' }, stats.waiting)
    },
  })

  return {
    registry,
    http: () => async (c, next) => {
      const end = duration.startTimer()
      await next()
      const route = routeLabel(c)
      end({ method: c.req.method, route })
      requests.inc({ method: c.req.method, route, status: String(c.res.status) })
    },
    onStatusChange: (e) => statuses.inc({ code: String(e.code), name: e.name }),
    onBatch: (b) => {
      batches.inc()
      claimed.inc(b.claimed)
      claimSeconds.observe(b.claimMs / 1000)
      handOverSeconds.observe(b.handOverMs / 1000)
    },
    onCallbackAttempt: (a) => callbacks.inc({ outcome: a.outcome }),
    instrumentGateway: (gateway) => ({
      name: gateway.name,
      submit: async (messages: readonly OutboundSms[]) => {
        const end = submitSeconds.startTimer({ gateway: gateway.name })
        try {
          const outcomes = await gateway.submit(messages)
          for (const o of outcomes) {
            if (!o.ok)
              gatewayErrors.inc({ gateway: gateway.name, kind: o.transient ? 'transient' : 'refused' })
          }
          const missing = messages.length - outcomes.length
          if (missing > 0) gatewayErrors.inc({ gateway: gateway.name, kind: 'unanswered' }, missing)
          return outcomes
        } catch (err) {
          gatewayErrors.inc({ gateway: gateway.name, kind: 'thrown' }, messages.length)
          throw err
        } finally {
          end()
        }
      },
      ...(gateway.findByReference ? { findByReference: gateway.findByReference.bind(gateway) } : {}),
      ...(gateway.attach ? { attach: gateway.attach.bind(gateway) } : {}),
      ...(gateway.close ? { close: gateway.close.bind(gateway) } : {}),
    }),
  }
}

/**
 * The pattern of the route that answered (`/api/v1/messages/:id`), so no id, token or secret becomes a label.
 * A 404 that only middleware (`*`) saw matched no route: it counts as `unmatched`.
 */
function routeLabel(c: Parameters<MiddlewareHandler>[0]): string {
  const route = matchedRoutes(c)[c.req.routeIndex]
  if (!route || (route.path.endsWith('*') && c.res.status === 404)) return 'unmatched'
  return route.path
}
