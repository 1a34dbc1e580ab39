/** Signs status callbacks the Standard Webhooks way (`webhook-id`, `-timestamp`, `-signature: v1,<base64>`). */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { Webhook } from 'standardwebhooks'

/** The three headers every callback carries; receivers verify them with any Standard Webhooks library. */
export const CALLBACK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const

export type CallbackHeaders = Record<(typeof CALLBACK_HEADERS)[keyof typeof CALLBACK_HEADERS], string>

/** `whsec_` and the base64 of 24 to 64 random bytes, as Standard Webhooks' secrets are written. */
const SECRET_SHAPE = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/

/** True for a secret in the `whsec_<base64>` form; anything else is refused at start-up. */
export function isCallbackSecret(secret: string): boolean {
  if (!SECRET_SHAPE.test(secret)) return false
  const bytes = Buffer.from(secret.slice('whsec_'.length), 'base64').length
  return bytes >= 24 && bytes <= 64
}

/** A fresh `whsec_…` secret of 32 random bytes. */
export function newCallbackSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

/** The headers for `body` sent as callback `id` at `at`; the id stays the same on every retry. */
export function signCallback(secret: string, id: string, at: Date, body: string): CallbackHeaders {
  const seconds = Math.floor(at.getTime() / 1000)
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': new Webhook(secret).sign(id, new Date(seconds * 1000), body),
  }
}

export interface VerifyOptions {
  /** How old (or how far ahead) a timestamp may be, in seconds; default 300. Stops replays of old callbacks. */
  toleranceSeconds?: number
  now?: Date
}

/**
 * True when the headers carry a valid `v1,` signature of `body` made with `secret` (one of several
 * space-separated, as when secrets rotate) and the timestamp is within the tolerance. Constant-time.
 * `body` must be the raw request body, byte for byte. `standardwebhooks`' own `Webhook.verify` does the same
 * against the wall clock; this one takes `now`, for tests and receivers with their own clock.
 */
export function verifyCallbackSignature(
  secret: string,
  body: string,
  headers: Partial<Record<string, string | null | undefined>>,
  options: VerifyOptions = {},
): boolean {
  const id = headers[CALLBACK_HEADERS.id]
  const timestamp = headers[CALLBACK_HEADERS.timestamp]
  const signature = headers[CALLBACK_HEADERS.signature]
  if (!id || !signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false
  const tolerance = options.toleranceSeconds ?? 300
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000)
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return false
  const expected = Buffer.from(new Webhook(secret).sign(id, new Date(Number(timestamp) * 1000), body))
  return signature
    .split(' ')
    .map((part) => Buffer.from(part.trim()))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected))
}
