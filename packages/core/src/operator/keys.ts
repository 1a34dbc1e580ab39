/** Operator keys: `smso_` + 32 letters or digits, shown once, stored as a SHA-256 hash and a short display prefix. */
import { hashApiKey, randomKey } from '../accounts/api-keys.ts'

export const OPERATOR_KEY_PREFIX = 'smso_'
const FORMAT = /^smso_[0-9A-Za-z]{32}$/

/** A new random operator key. */
export function generateOperatorKey(): string {
  return randomKey(OPERATOR_KEY_PREFIX)
}

/** True for exactly the issued shape: what a chosen key (`BOOTSTRAP_OPERATOR_KEY`) must match. */
export function isOperatorKey(raw: unknown): raw is string {
  return typeof raw === 'string' && FORMAT.test(raw)
}

/** The same hash as account keys: the prefixes keep the two kinds apart. */
export const hashOperatorKey = hashApiKey

/** `smso_` plus 7 characters, to recognise a key in a list. */
export function operatorKeyPrefix(raw: string): string {
  return raw.slice(0, OPERATOR_KEY_PREFIX.length + 7)
}
