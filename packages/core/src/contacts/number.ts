/** Phone numbers as the store keeps them: E.164, normalised once at the edge of every contacts/blocklist call. */
import { DeskError } from '../errors.ts'
import { normalizeNumber } from '../sending/phone.ts'

export const DEFAULT_COUNTRY = 'SE'

/** E.164 for `input` (local forms read as `defaultCountry`), or `DeskError('InvalidRequest')` naming the field. */
export function toE164(input: string, defaultCountry: string = DEFAULT_COUNTRY, field = 'number'): string {
  const result = normalizeNumber(String(input ?? ''), defaultCountry)
  if (!result.ok) throw new DeskError('InvalidRequest', `Invalid ${field} "${input}": ${result.reason}`)
  return result.e164
}

/**
 * E.164 for a number a gateway reported, or null. Gateways often drop the plus (`46701234567`) or write `0046…`;
 * a local number always starts with the trunk 0, so bare digits starting 1–9 are read as international first.
 */
export function gatewayNumberToE164(input: string, defaultCountry: string = DEFAULT_COUNTRY): string | null {
  const compact = input.trim().replace(/[\s-]/g, '')
  const candidates = /^00[1-9]\d{6,14}$/.test(compact)
    ? [`+${compact.slice(2)}`]
    : /^[1-9]\d{7,14}$/.test(compact)
      ? [`+${compact}`, compact]
      : [input]
  for (const candidate of candidates) {
    const result = normalizeNumber(candidate, defaultCountry)
    if (result.ok) return result.e164
  }
  return null
}
