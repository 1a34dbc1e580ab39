/** `createApp`: the whole HTTP surface as one Hono app over a Desk — what `startServer` serves and tests call. */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Desk } from '@smsdesk/core'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import type { Logger } from 'pino'
import type { ServerConfig } from './config.ts'
import { createAuthorizer } from './http/auth.ts'
import { compressText } from './http/compress.ts'
import type { AppEnv } from './http/env.ts'
import { errorHandler, errorJson, notFoundHandler } from './http/errors.ts'
import { createRateLimiter } from './http/rate-limit.ts'
import { requestLog } from './http/request-log.ts'
import { newRouter, type RouteDeps } from './http/router.ts'
import { createMetrics, type Metrics } from './observe/metrics.ts'
import { finishDocument } from './openapi/finish.ts'
import { accountRoutes } from './routes/account.ts'
import { blocklistRoutes } from './routes/blocklist.ts'
import { callbackRoutes } from './routes/callbacks.ts'
import { contactRoutes } from './routes/contacts.ts'
import { docsRoutes } from './routes/docs.ts'
import { faqRoutes } from './routes/faq.ts'
import { healthRoutes, type Readiness } from './routes/health.ts'
import { helpRoutes } from './routes/help.ts'
import { ip1WebhookRoutes } from './routes/ip1-webhooks.ts'
import { messageRoutes } from './routes/messages.ts'
import { metricsRoutes } from './routes/metrics.ts'
import { OPERATOR_TAG, operatorRoutes } from './routes/operator/index.ts'
import { optOutRoutes } from './routes/opt-out.ts'
import { optOutSettingsRoutes } from './routes/opt-out-settings.ts'
import { senderRoutes } from './routes/senders.ts'
import { simulatorRoutes } from './routes/simulator.ts'
import { statusCodeRoutes } from './routes/status-codes.ts'
import { supportRoutes } from './routes/support.ts'
import { templateRoutes } from './routes/templates.ts'
import { userRoutes } from './routes/users.ts'
import { widgetRoutes } from './routes/widget.ts'
import { widgetFeedbackRoutes } from './routes/widget-feedback.ts'
import { createOpenStreams, type OpenStreams } from './support-chat/streams.ts'

/** A platform endpoint (Slack, Teams) as a web-standard handler. */
export interface FetchEndpoint {
  fetch(request: Request): Promise<Response>
}

/** Slack's OAuth install pages (when Slack is installed by OAuth rather than with one bot token). */
export interface SlackInstallPages {
  installPage(request: Request): Promise<Response>
  oauthRedirect(request: Request): Promise<Response>
}

export interface AppDeps {
  desk: Desk
  config: ServerConfig
  logger: Logger
  /** The chat bot's endpoints, when configured. */
  bot?: {
    slack: (FetchEndpoint & { oauth?: SlackInstallPages | null }) | null
    teams: FetchEndpoint | null
  } | null
  /** Throws when the database does not answer; default asks the desk for a balance that cannot exist. */
  checkDatabase?: () => Promise<void>
  /** What `/readyz` checks; default: the database only. */
  readiness?: Readiness
  /** The Prometheus registry `/metrics` serves; default a fresh one without the database gauges. */
  metrics?: Metrics
  /** The customers' open support event streams (shared with the SMS fallback); default a fresh set. */
  supportStreams?: OpenStreams
}

export const API_VERSION = '1.0.0'

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const { desk, config, logger } = deps
  const limiter = createRateLimiter(config.rateLimitPerMinute)
  const authorize = createAuthorizer(desk, limiter)
  const routeDeps: RouteDeps = { desk, authorize, config, logger }

  const metrics = deps.metrics ?? createMetrics()
  desk.events.onStatusChange(metrics.onStatusChange)

  const app = newRouter()
  app.onError(errorHandler(logger))
  app.notFound(notFoundHandler)
  app.use(requestId())
  app.use(requestLog(logger))
  app.use(metrics.http())
  app.use(compressText())
  const tooLarge = (c: Context<AppEnv>) =>
    errorJson(c, 413, {
      code: 'PayloadTooLarge',
      message: `The request body is larger than ${config.maxBodyBytes} bytes.`,
    })
  const limitBody = bodyLimit({ maxSize: config.maxBodyBytes, onError: tooLarge })
  // Asking the request for its body stream makes the Node adapter build a full web Request (a readable stream,
  // an AbortController: about a tenth of a send's time), where reading the JSON alone takes its fast path. So a
  // GET is never asked, and a body with a Content-Length is judged by the header, as bodyLimit itself does;
  // only a chunked body, of unknown length, is counted by bodyLimit as it streams.
  app.use((c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return limitBody(c, next)
    return Number.parseInt(length, 10) > config.maxBodyBytes ? Promise.resolve(tooLarge(c)) : next()
  })

  const checkDatabase = deps.checkDatabase ?? (() => probeDatabase(desk))
  app.route('/', healthRoutes(checkDatabase, logger, deps.readiness))
  app.route('/', metricsRoutes(metrics, config.metricsToken))
  app.route('/api/v1', messageRoutes(routeDeps))
  app.route('/api/v1', accountRoutes(routeDeps))
  app.route('/api/v1', contactRoutes(routeDeps))
  app.route('/api/v1', blocklistRoutes(routeDeps))
  app.route('/api/v1', templateRoutes(routeDeps))
  app.route('/api/v1', optOutSettingsRoutes(routeDeps))
  app.route('/api/v1', callbackRoutes(routeDeps))
  app.route('/api/v1', userRoutes(routeDeps))
  app.route('/api/v1', senderRoutes(routeDeps))
  app.route('/api/v1/operator', operatorRoutes({ desk, limiter, logger }))
  if (config.gateway.kind === 'simulator') app.route('/api/v1', simulatorRoutes(routeDeps))
  app.route('/api/v1', statusCodeRoutes())
  app.route('/api/v1/faq', faqRoutes())
  app.route('/', ip1WebhookRoutes(desk, config.webhookSecret))
  app.route('/', optOutRoutes(desk))
  app.route('/', helpRoutes())
  // Before the widget routes: their GET-only CORS must not answer these POSTs' preflight.
  app.route('/', widgetFeedbackRoutes({ desk, logger }))
  app.route(
    '/',
    widgetRoutes({ support: config.support, chat: config.supportChat.enabled, publicUrl: config.publicUrl }),
  )
  app.route(
    '/',
    supportRoutes({
      desk,
      config: config.supportChat,
      contact: config.support,
      streams: deps.supportStreams ?? createOpenStreams(),
    }),
  )

  const slack = deps.bot?.slack
  if (slack) app.post('/slack/events', (c) => slack.fetch(c.req.raw))
  const install = slack?.oauth
  if (install) {
    app.get('/slack/install', (c) => install.installPage(c.req.raw))
    app.get('/slack/oauth_redirect', (c) => install.oauthRedirect(c.req.raw))
  }
  const teams = deps.bot?.teams
  if (teams) app.post('/api/messages', (c) => teams.fetch(c.req.raw))

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An account API key: `Authorization: Bearer smsd_…`',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'OperatorBearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An operator key: `Authorization: Bearer smso_…` (operator routes only)',
  })
  const description = {
    openapi: '3.1.0',
    info: {
      title: 'smsdesk API',
      version: API_VERSION,
      description:
        'Send SMS, follow every status change, manage contacts, the blocklist, money, users and keys. ' +
        'Amounts are integers of minor units (öre). Errors are `{ "error": { "code", "message" } }`.',
    },
    servers: [{ url: config.publicUrl }],
    tags: [
      {
        name: OPERATOR_TAG,
        description:
          'The provider’s own API under /api/v1/operator, with operator keys (`smso_…`): accounts, money, prices, ' +
          'senders, campaigns, numbers and messages across accounts. Every call is in the audit log.',
      },
    ],
  }
  let document: string | undefined
  app.get('/api/v1/openapi.json', (c) => {
    document ??= JSON.stringify(finishDocument(app.getOpenAPI31Document(description)))
    return c.body(document, 200, { 'Content-Type': 'application/json' })
  })
  app.route('/', docsRoutes())
  return app
}

/** A read that must reach the database: an unknown account answers NotFound only if the query ran. */
async function probeDatabase(desk: Desk): Promise<void> {
  try {
    await desk.ledger.balance('acc_healthz_probe')
  } catch (err) {
    if ((err as { code?: string }).code === 'NotFound') return
    throw err
  }
}
