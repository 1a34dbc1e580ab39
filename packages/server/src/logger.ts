/** Structured JSON logs (pino). Secrets are redacted by key name wherever they appear in a logged object. */
import pino, { type DestinationStream, type Logger } from 'pino'

const SECRET_KEYS = [
  'authorization',
  'apiKey',
  'key',
  'token',
  'secret',
  'password',
  'webhookSecret',
  'callbackSigningSecret',
  'bootstrapApiKey',
  'bootstrapOperatorKey',
  'metricsToken',
  'x-webhook-secret',
]

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const paths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers["${k}"]`])
  return pino(
    {
      level,
      base: { service: 'smsdesk' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  )
}
