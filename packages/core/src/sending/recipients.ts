/** Turns what the caller typed into distinct recipients: E.164 when valid, the input itself when not. */
import { normalizeNumber } from './phone.ts'

export interface ResolvedRecipient {
  /** The first input that led here (trimmed). */
  input: string
  /** E.164 when valid; the input as given when not. */
  recipient: string
  country: string | null
  /** Why the number is not valid, or null when it is. */
  invalidReason: string | null
}

/**
 * Normalises each input and drops repeats: two spellings of one number (`070-123 45 67`, `+46701234567`)
 * become one recipient, sent once. Invalid inputs are kept (as given, once each) so they can get 409.
 */
export function resolveRecipients(inputs: readonly string[], defaultCountry: string): ResolvedRecipient[] {
  const seenInputs = new Set<string>()
  const byRecipient = new Map<string, ResolvedRecipient>()
  for (const raw of inputs) {
    const input = raw.trim()
    if (seenInputs.has(input)) continue
    seenInputs.add(input)
    const result = normalizeNumber(input, defaultCountry)
    const resolved: ResolvedRecipient = result.ok
      ? { input, recipient: result.e164, country: result.country, invalidReason: null }
      : { input, recipient: input, country: null, invalidReason: result.reason }
    if (!byRecipient.has(resolved.recipient)) byRecipient.set(resolved.recipient, resolved)
  }
  return [...byRecipient.values()]
}
