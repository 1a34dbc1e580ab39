/** Finds a phone number written the way people write it at the start of chat text (`070-123 45 67 Hej`). */

import { type CountryCode, findPhoneNumbersInText, isSupportedCountry } from 'libphonenumber-js/max'

export interface LeadingNumber {
  /** E.164, as libphonenumber-js reads it. */
  e164: string
  /** Where the number ends in the text (exclusive), so the caller knows where the rest begins. */
  end: number
}

// Longer than any number with generous punctuation; keeps the matcher's work bounded on long messages.
const WINDOW = 40
const RFC3966_PREFIX = /^tel:/i
const OTHER_DIGITS = /(?![0-9])\p{Nd}/u

/**
 * The phone number that starts exactly at the beginning of `text` (local forms read in `defaultCountry`), or null
 * when the text does not begin with one valid number. A comma or semicolon always ends a number: libphonenumber
 * otherwise reads `0701234567,0707654321` as one number with a pause. Numbers with an extension are not numbers
 * an SMS can go to, so they are not found either.
 */
export function findLeadingNumber(text: string, defaultCountry = 'SE'): LeadingNumber | null {
  const region = defaultCountry.toUpperCase()
  if (!isSupportedCountry(region)) throw new TypeError(`unsupported default country: ${defaultCountry}`)
  const prefix = RFC3966_PREFIX.exec(text)?.[0].length ?? 0
  const stop = text.slice(prefix).search(/[,;]/)
  const limit = Math.min(stop < 0 ? text.length - prefix : stop, WINDOW)
  const window = text.slice(prefix, prefix + limit)
  // The matcher gives up on a run like `+46 70 000 00 02 070-000 00 03` as a whole; shorter runs, longest first, it reads.
  const cuts = [window.length, ...[...window.matchAll(/\s+/g)].map((m) => m.index).reverse()]
  for (const cut of cuts) {
    const first = findPhoneNumbersInText(window.slice(0, cut), { defaultCountry: region as CountryCode })[0]
    if (first === undefined || first.startsAt !== 0) continue
    // Digits of other scripts (߀, ٣) are read as digits by the matcher; in chat they belong to the text.
    if (OTHER_DIGITS.test(window.slice(0, first.endsAt))) continue
    if (first.number.ext) return null
    // A match that runs to the edge of a cut window may have more digits after it: not ours to guess.
    if (first.endsAt === WINDOW && text.length > prefix + WINDOW && /\d/.test(text[prefix + WINDOW] ?? ''))
      return null
    return { e164: first.number.number, end: prefix + first.endsAt }
  }
  return null
}
