/** Signs outgoing status callbacks and lets receivers check them: HMAC-SHA256 over "<timestamp>.<body>". */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'X-SmsDesk-Signature'
export const TIMESTAMP_HEADER = 'X-SmsDesk-Timestamp'

/** The `X-SmsDesk-Signature` value for a body sent at `timestamp` (Unix seconds, as a string). */
export function signCallback(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

export interface VerifyOptions {
  /** How old (or how far ahead) a timestamp may be, in seconds; default 300. Stops replays of old callbacks. */
  toleranceSeconds?: number
  now?: Date
}

/**
 * True when `header` carries a valid `v1=` signature of `body` at `timestamp` made with `secret`, and the
 * timestamp is within the tolerance. Accepts several comma-separated signatures (for rotating secrets).
 * Compares in constant time. `body` must be the raw request body, byte for byte, not re-serialised JSON.
 */
export function verifyCallbackSignature(
  secret: string,
  timestamp: string,
  body: string,
  header: string | null | undefined,
  options: VerifyOptions = {},
): boolean {
  if (!header || !/^\d{1,12}$/.test(timestamp)) return false
  const tolerance = options.toleranceSeconds ?? 300
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000)
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return false
  const expected = Buffer.from(signCallback(secret, timestamp, body))
  return header
    .split(',')
    .map((part) => Buffer.from(part.trim()))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected))
}
