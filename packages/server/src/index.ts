/** @smsdesk/server — `startServer` runs the whole product on one port; `createApp` is the app for tests. */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type Bot, type BotConfig, createBot, loadBotConfig } from '@smsdesk/bot'
import {
  createDesk,
  createIp1Gateway,
  createSimulatorGateway,
  type Desk,
  type Dispatcher,
  newCallbackSecret,
  openDatabase,
  pendingMigrations,
  readQueueDepth,
  type SmsGateway,
} from '@smsdesk/core'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import { createApp } from './app.ts'
import {
  type Bootstrapped,
  type BootstrappedOperator,
  bootstrapDemo,
  bootstrapOperator,
} from './bootstrap.ts'
import { ConfigError, loadConfig, type ServerConfig } from './config.ts'
import { createLogger } from './logger.ts'
import { logCallbackAttempt } from './observe/callback-log.ts'
import { createMetrics } from './observe/metrics.ts'
import { drainOnClose } from './shutdown.ts'
import { startSupportJobs } from './support-chat/jobs.ts'
import { createOpenStreams } from './support-chat/streams.ts'

export { type AppDeps, createApp } from './app.ts'
export { type BootstrappedOperator, bootstrapOperator } from './bootstrap.ts'
export {
  ConfigError,
  loadConfig,
  SERVER_VARIABLES,
  type ServerConfig,
  type SupportContact,
} from './config.ts'
export { createLogger } from './logger.ts'
export { runOperatorCommand } from './operator-cli.ts'

export interface RunningServer {
  url: string
  port: number
  desk: Desk
  config: ServerConfig
  /** Set on the first start of an empty database. */
  bootstrap: Bootstrapped | null
  /** Set when this start created the first operator. */
  operator: BootstrappedOperator | null
  /** Stops taking requests, drains the ones in flight, stops the dispatcher and callbacks, closes the database. */
  stop(): Promise<void>
}

export interface StartOptions {
  logger?: Logger
  /** Where the one-time start-up notes (a generated key) go; default stderr, never the JSON log. */
  announce?: (line: string) => void
}

/**
 * Starts smsdesk from environment variables (see the README's table).
 * @throws ConfigError for bad configuration, before anything is opened
 */
export async function startServer(
  env: Record<string, string | undefined>,
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = loadConfig(env)
  const loadedBot = loadBot(env)
  // Chat answers link to pages this server serves (help articles), under its public address.
  const botConfig = { ...loadedBot, settings: { ...loadedBot.settings, publicUrl: config.publicUrl } }
  const logger = options.logger ?? createLogger(config.logLevel)
  const announce = options.announce ?? ((line: string) => process.stderr.write(`${line}\n`))

  const store = await openDatabase({ url: config.database, migrate: config.migrateOnStart })
  let desk: Desk | undefined
  let bot: Bot | undefined
  const metrics = createMetrics({
    queueDepth: () => readQueueDepth(store.db, new Date()),
    ...(store.poolStats ? { poolStats: store.poolStats } : {}),
  })
  try {
    desk = await createDesk({
      db: store,
      gateway: metrics.instrumentGateway(createGateway(config)),
      requireRegisteredSenders: config.requireRegisteredSenders,
      publicUrl: config.publicUrl,
    })
    const operator = await bootstrapOperator(desk, config.bootstrapOperatorKey)
    const bootstrap = await bootstrapDemo(desk, store, config.bootstrapApiKey)
    const callbackSecret = config.callbackSigningSecret ?? newCallbackSecret()

    bot = createChatBot(desk, botConfig, logger)
    const supportStreams = createOpenStreams()
    const stopSupport = startSupportJobs(desk, config, supportStreams, logger)
    let dispatching = false
    const checkDatabase = async () => {
      await sql`select 1`.execute(store.db)
    }
    const app = createApp({
      desk,
      config,
      logger,
      bot,
      checkDatabase,
      readiness: {
        database: checkDatabase,
        pendingMigrations: () => pendingMigrations(store.db, store.dialect),
        dispatcherRunning: () => dispatching,
      },
      metrics,
      supportStreams,
    })
    const { server, port } = await listen(app.fetch, config)
    const drain = drainOnClose(server)
    const dispatcher: Dispatcher = desk.dispatcher.start({ onBatch: metrics.onBatch })
    dispatching = true
    const logAttempt = logCallbackAttempt(logger)
    const callbacks: Dispatcher = desk.callbacks.start({
      secret: callbackSecret,
      allowPrivateNetworks: config.callbackAllowPrivateNetworks,
      onAttempt: (attempt) => {
        metrics.onCallbackAttempt(attempt)
        logAttempt(attempt)
      },
    })

    const url = `http://${config.host && config.host !== '0.0.0.0' ? config.host : 'localhost'}:${port}`
    logger.info(
      { url, database: config.databaseKind, gateway: config.gateway.kind, publicUrl: config.publicUrl },
      'smsdesk is listening',
    )
    if (bootstrap) {
      announce(`Created the demo account ${bootstrap.accountId} with 100.00 SEK and an admin user.`)
      announce(
        bootstrap.generated
          ? `Its API key (shown only this once, keep it): ${bootstrap.apiKey}`
          : 'Its API key is the BOOTSTRAP_API_KEY you set.',
      )
    }
    if (operator) {
      announce(
        operator.generated
          ? `Created the first operator. Its operator key (shown only this once, keep it): ${operator.key}`
          : 'Created the first operator; its key is the BOOTSTRAP_OPERATOR_KEY you set.',
      )
    }
    if (!config.callbackSigningSecret) {
      announce(
        // The value is never printed: stderr ends up in logs, and a receiver needs a secret it was given anyway.
        'CALLBACK_SIGNING_SECRET is not set: status callbacks are signed with a random secret that changes every start, ' +
          'so receivers cannot verify them. Set CALLBACK_SIGNING_SECRET to a secret you share with your receivers.',
      )
    }

    const running = desk
    const chatBot = bot
    let stopping: Promise<void> | undefined
    return {
      url,
      port,
      desk: running,
      config,
      bootstrap,
      operator,
      stop: () => {
        stopping ??= (async () => {
          logger.info('smsdesk is stopping: draining requests')
          dispatching = false
          await drain()
          dispatching = false
          await Promise.all([dispatcher.stop(), callbacks.stop()])
          stopSupport()
          // After the dispatcher: the statuses of its last batch still reach the chat messages.
          await chatBot.close()
          await running.close()
          logger.info('smsdesk stopped')
          await new Promise<void>((resolve) => logger.flush(() => resolve()))
        })()
        return stopping
      },
    }
  } catch (err) {
    await bot?.close()
    if (desk) await desk.close()
    else await store.close()
    throw err
  }
}

/** The bot's own settings (Slack, Teams); its errors name their variable, so they read as configuration errors. */
function loadBot(env: Record<string, string | undefined>): BotConfig {
  try {
    return loadBotConfig(env)
  } catch (err) {
    throw new ConfigError('bot', err instanceof Error ? err.message : String(err), true)
  }
}

function createChatBot(desk: Desk, botConfig: BotConfig, logger: Logger): Bot {
  try {
    return createBot(desk, botConfig, (message, err) => logger.warn({ err }, `bot: ${message}`))
  } catch (err) {
    throw new ConfigError('bot', err instanceof Error ? err.message : String(err), true)
  }
}

function createGateway(config: ServerConfig): SmsGateway {
  if (config.gateway.kind === 'simulator')
    return createSimulatorGateway({ stepDelayMs: config.gateway.stepDelayMs })
  return createIp1Gateway({
    apiKey: config.gateway.apiKey,
    ...(config.gateway.apiUrl ? { baseUrl: config.gateway.apiUrl } : {}),
    deliveryReportUrl: `${config.publicUrl}/webhooks/ip1/delivery-reports/${config.webhookSecret}`,
  })
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  config: ServerConfig,
): Promise<{ server: ReturnType<typeof serve>; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch, port: config.port, ...(config.host ? { hostname: config.host } : {}) },
      (info: AddressInfo) => resolve({ server, port: info.port }),
    )
    server.once('error', reject)
  })
}
