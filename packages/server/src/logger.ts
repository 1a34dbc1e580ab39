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

/**
 * Standard output, written asynchronously: at the default level every request logs a line, and a blocking write()
 * per line held up the event loop under load. Lines still go out as soon as the previous write is done (no minimum
 * length to wait for), and pino flushes what is left when the process exits.
 */
export function stdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false })
}

export function createLogger(level: string, destination: DestinationStream = stdoutDestination()): Logger {
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
