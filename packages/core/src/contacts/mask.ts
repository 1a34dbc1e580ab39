/** Shows a phone number to someone who holds only a link: enough to recognise it, not enough to learn it. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/**
 * `+46701234567` → `+46 70*** **67`: the country code, the first two and the last two digits of the national
 * number; everything between is starred, with a space before the last four digits as Swedish numbers are written.
 */
export function maskNumber(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164)
  const country = parsed ? `+${parsed.countryCallingCode}` : ''
  const national = parsed ? String(parsed.nationalNumber) : e164.replace(/\D/g, '')
  if (national.length <= 4) return `${country} ${'*'.repeat(national.length)}`.trim()
  const head = national.slice(0, 2)
  const tail = national.slice(-2)
  // Mask first, then split into groups, so which digits show never depends on where the space falls.
  const starred = `${head}${'*'.repeat(national.length - 4)}${tail}`
  return `${country} ${starred.slice(0, -4)} ${starred.slice(-4)}`.trim()
}
