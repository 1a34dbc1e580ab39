/** Reads the server's configuration from the environment, once, and says clearly what is wrong with it. */
import { isAbsolute, join, resolve } from 'node:path'
import { isCallbackSecret } from '@smsdesk/core'
import { z } from 'zod'

/** A configuration problem: its message is one line naming the variable, fit to print as is. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  /** `problem` follows the variable's name; with `standalone` it is the whole sentence (it names it itself). */
  constructor(
    readonly variable: string,
    problem: string,
    standalone = false,
  ) {
    super(`Configuration error: ${standalone ? problem : `${variable} ${problem}`}`)
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** Empty strings count as unset, as they do in most shells' `VAR= command`. */
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional())

function integer(min: number, max: number) {
  return z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z
      .string()
      .regex(/^\d+$/, { error: `must be a whole number from ${min} to ${max}` })
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(min, { error: `must be a whole number from ${min} to ${max}` })
          .max(max, { error: `must be a whole number from ${min} to ${max}` }),
      )
      .optional(),
  )
}

function secret(minLength: number) {
  return z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .min(minLength, { error: `must be at least ${minLength} characters` })
      .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' })
      .optional(),
  )
}

const url = (protocols: RegExp, what: string) =>
  optionalText.pipe(
    z
      .string()
      .refine((v) => URL.canParse(v) && protocols.test(new URL(v).protocol), { error: `must be ${what}` })
      .optional(),
  )

const EnvSchema = z.object({
  PORT: integer(0, 65535),
  HOST: optionalText,
  DATA_DIR: optionalText,
  DATABASE_URL: url(/^postgres(ql)?:$/, 'a postgres:// or postgresql:// URL'),
  GATEWAY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['simulator', 'ip1'], { error: 'must be "simulator" or "ip1"' }).optional(),
  ),
  IP1_API_KEY: secret(8),
  IP1_API_URL: url(/^https?:$/, 'an http(s):// URL'),
  PUBLIC_URL: url(/^https?:$/, 'an http(s):// URL such as https://sms.example.com'),
  BOOTSTRAP_API_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^smsd_[A-Za-z0-9]{32}$/, {
        error: 'must be "smsd_" followed by 32 letters or digits, like the keys smsdesk issues',
      })
      .optional(),
  ),
  BOOTSTRAP_OPERATOR_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^smso_[A-Za-z0-9]{32}$/, {
        error: 'must be "smso_" followed by 32 letters or digits, like the operator keys smsdesk issues',
      })
      .optional(),
  ),
  REQUIRE_REGISTERED_SENDERS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['0', '1'], { error: 'must be 1 (only approved senders) or 0 (the default)' }).optional(),
  ),
  WEBHOOK_SECRET: secret(16),
  CALLBACK_SIGNING_SECRET: optionalText.pipe(
    z
      .string()
      .refine(isCallbackSecret, {
        error: 'must be a Standard Webhooks secret: "whsec_" and the base64 of 24 to 64 random bytes',
      })
      .optional(),
  ),
  CALLBACK_ALLOW_PRIVATE_NETWORKS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['0', '1'], { error: 'must be 1 (allow) or 0 (refuse, the default)' }).optional(),
  ),
  MIGRATE_ON_START: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .enum(['0', '1'], {
        error: 'must be 1 (migrate at start-up, the default) or 0 (`npm run migrate` does it)',
      })
      .optional(),
  ),
  METRICS_TOKEN: secret(16),
  SIMULATOR_STEP_MS: integer(0, 600_000),
  RATE_LIMIT_PER_MINUTE: integer(0, 10_000_000),
  MAX_BODY_BYTES: integer(1024, 100 * 1024 * 1024),
  HEAP_GROWTH_PERCENT: integer(0, 1000),
  LOG_LEVEL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ),
  SUPPORT_PHONE: optionalText,
  SUPPORT_EMAIL: optionalText.pipe(
    z.email({ error: 'must be an e-mail address such as support@example.com' }).optional(),
  ),
  SUPPORT_HOURS: optionalText,
  SUPPORT_ENABLED: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .enum(['0', '1'], { error: 'must be 1 (customers can ask support from the widget) or 0 (the default)' })
      .optional(),
  ),
  SUPPORT_RETENTION_DAYS: integer(1, 3650),
  SUPPORT_SMS_ACCOUNT: optionalText,
  SUPPORT_RATE_LIMIT_PER_MINUTE: integer(0, 100_000),
})

/** Every variable the server reads (the bot reads its own; see `@smsdesk/bot`'s config). */
/** The server's default for `HEAP_GROWTH_PERCENT`; `npm run bench -- dispatch` measures it against V8's own. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 30

export const SERVER_VARIABLES = Object.keys(EnvSchema.shape) as readonly string[]

export interface SupportContact {
  phone: string | null
  email: string | null
  hours: string | null
}

export interface ServerConfig {
  port: number
  host: string | undefined
  dataDir: string
  /** A PostgreSQL URL, or the SQLite file under `dataDir`. */
  database: string
  databaseKind: 'sqlite' | 'postgres'
  gateway:
    | { kind: 'simulator'; stepDelayMs: number }
    | { kind: 'ip1'; apiKey: string; apiUrl: string | undefined }
  publicUrl: string
  bootstrapApiKey: string | undefined
  /** The first operator's key on an empty database; unset, a random one is printed once. */
  bootstrapOperatorKey: string | undefined
  /** Provider-wide default: accounts send only from senders the provider approved (each account may differ). */
  requireRegisteredSenders: boolean
  /** Unset: the iP1 webhooks answer 404, since nothing could prove a caller is iP1. */
  webhookSecret: string | undefined
  /** Unset: a random one is made at start-up and shown once. */
  callbackSigningSecret: string | undefined
  /** Lets status callbacks reach loopback/private/link-local addresses (for callbacks inside your own network). */
  callbackAllowPrivateNetworks: boolean
  /** Apply pending migrations before serving (default); off when deployments run `npm run migrate` first. */
  migrateOnStart: boolean
  /** Bearer token for `GET /metrics`; unset, the endpoint is off. */
  metricsToken: string | undefined
  /** Requests per minute per API key; 0 turns the limit off. */
  rateLimitPerMinute: number
  maxBodyBytes: number
  logLevel: (typeof LOG_LEVELS)[number]
  /** How far V8 lets the heap grow past what the last full collection kept before the next one (see heap.ts); 0: V8's own. */
  heapGrowthPercent: number
  support: SupportContact
  /** Widget-to-support conversations (`SUPPORT_ENABLED=1`). */
  supportChat: SupportChatConfig
}

export interface SupportChatConfig {
  enabled: boolean
  retentionDays: number
  /** The provider's own account (id or customer number) that staff replies are texted from; null: no SMS. */
  smsAccount: string | null
  /** Requests per minute per IP and per conversation on the public support routes; 0 turns it off. */
  rateLimitPerMinute: number
}

export const DEFAULT_PORT = 8787

const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'IP1_API_KEY',
  'BOOTSTRAP_API_KEY',
  'BOOTSTRAP_OPERATOR_KEY',
  'WEBHOOK_SECRET',
  'CALLBACK_SIGNING_SECRET',
  'METRICS_TOKEN',
])

/**
 * Parses the environment into a `ServerConfig`.
 * @throws ConfigError naming the first variable that is wrong
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): ServerConfig {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const variable = String(issue.path[0] ?? 'environment')
    const shown = issue.code === 'invalid_type' ? 'has the wrong type' : issue.message
    // Secrets and URLs that may carry a password are never echoed back, not even to the terminal.
    const echo = SECRET_VARIABLES.has(variable) ? '' : ` (got ${JSON.stringify(env[variable] ?? '')})`
    throw new ConfigError(variable, `${shown}${echo}`)
  }
  const e = parsed.data
  const port = e.PORT ?? DEFAULT_PORT
  const dataDir = resolveDir(e.DATA_DIR ?? './data', cwd)
  const gatewayKind = e.GATEWAY ?? 'simulator'
  if (gatewayKind === 'ip1' && !e.IP1_API_KEY) {
    throw new ConfigError('IP1_API_KEY', 'is required when GATEWAY=ip1 (the API key from the iP1 portal)')
  }
  if (gatewayKind === 'ip1' && !e.WEBHOOK_SECRET) {
    throw new ConfigError(
      'WEBHOOK_SECRET',
      'is required when GATEWAY=ip1 (it protects the delivery-report and inbound webhooks)',
    )
  }
  return {
    port,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL ?? join(dataDir, 'smsdesk.sqlite'),
    databaseKind: e.DATABASE_URL ? 'postgres' : 'sqlite',
    gateway:
      gatewayKind === 'ip1'
        ? { kind: 'ip1', apiKey: e.IP1_API_KEY!, apiUrl: e.IP1_API_URL }
        : { kind: 'simulator', stepDelayMs: e.SIMULATOR_STEP_MS ?? 300 },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    bootstrapApiKey: e.BOOTSTRAP_API_KEY,
    bootstrapOperatorKey: e.BOOTSTRAP_OPERATOR_KEY,
    requireRegisteredSenders: e.REQUIRE_REGISTERED_SENDERS === '1',
    webhookSecret: e.WEBHOOK_SECRET,
    callbackSigningSecret: e.CALLBACK_SIGNING_SECRET,
    callbackAllowPrivateNetworks: e.CALLBACK_ALLOW_PRIVATE_NETWORKS === '1',
    migrateOnStart: e.MIGRATE_ON_START !== '0',
    metricsToken: e.METRICS_TOKEN,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? 600,
    maxBodyBytes: e.MAX_BODY_BYTES ?? 2 * 1024 * 1024,
    logLevel: e.LOG_LEVEL ?? 'info',
    heapGrowthPercent: e.HEAP_GROWTH_PERCENT ?? DEFAULT_HEAP_GROWTH_PERCENT,
    support: {
      phone: e.SUPPORT_PHONE ?? null,
      email: e.SUPPORT_EMAIL ?? null,
      hours: e.SUPPORT_HOURS ?? null,
    },
    supportChat: {
      enabled: e.SUPPORT_ENABLED === '1',
      retentionDays: e.SUPPORT_RETENTION_DAYS ?? 90,
      smsAccount: e.SUPPORT_SMS_ACCOUNT ?? null,
      rateLimitPerMinute: e.SUPPORT_RATE_LIMIT_PER_MINUTE ?? 20,
    },
  }
}

function resolveDir(dir: string, cwd: string): string {
  return isAbsolute(dir) ? dir : resolve(cwd, dir)
}
