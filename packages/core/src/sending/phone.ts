/** Turns what people type as a phone number into E.164, and refuses numbers that cannot receive SMS. */

import { Metadata } from 'libphonenumber-js/core'
import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  type NumberType,
  parsePhoneNumberWithError,
} from 'libphonenumber-js/max'
import maxMetadata from 'libphonenumber-js/metadata.max.json'
import { classifyNationalNumber } from './phone-classify.ts'

export type NormalizedNumber =
  | { ok: true; e164: string; country: string | null }
  | { ok: false; reason: string }

// Longer than any real number with generous punctuation; stops pathological input before the parser sees it.
const MAX_INPUT_LENGTH = 64

// Number types that can take an SMS. `undefined` (valid, but the metadata has no type for it) gets the benefit of the doubt.
const SMS_CAPABLE = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE', undefined])

const TYPE_REASONS: Partial<Record<NonNullable<NumberType>, string>> = {
  FIXED_LINE: 'is a landline number, which cannot receive SMS',
  PREMIUM_RATE: 'is a premium-rate number, which cannot receive SMS',
  TOLL_FREE: 'is a toll-free number, which cannot receive SMS',
  SHARED_COST: 'is a shared-cost number, which cannot receive SMS',
  VOIP: 'is an internet telephony (VoIP) number, which we do not send SMS to',
  PERSONAL_NUMBER: 'is a personal forwarding number, which we do not send SMS to',
  PAGER: 'is a pager number, which cannot receive SMS',
  UAN: 'is a company switchboard number, which cannot receive SMS',
  VOICEMAIL: 'is a voicemail number, which cannot receive SMS',
}

const PARSE_REASONS: Record<string, string> = {
  NOT_A_NUMBER: 'is not a phone number',
  INVALID_COUNTRY: 'has no country code we recognise (start it with + and the country code)',
  TOO_SHORT: 'is too short to be a phone number',
  TOO_LONG: 'is too long to be a phone number',
  INVALID_LENGTH: 'has the wrong number of digits',
}

// Calling codes that belong to exactly one region: for those a canonical E.164 input needs no region guessing,
// which lets it skip the general parser (most of the cost; a 100,000-recipient batch is mostly E.164).
const SINGLE_REGION_CODES: ReadonlyMap<string, string> = (() => {
  const regions = new Map<string, string[]>()
  for (const country of getCountries()) {
    const code = getCountryCallingCode(country)
    regions.set(code, [...(regions.get(code) ?? []), country])
  }
  const single = new Map<string, string>()
  for (const [code, list] of regions) if (list.length === 1) single.set(code, list[0] as string)
  return single
})()

const CANONICAL_E164 = /^\+[1-9]\d{6,14}$/

/** The answer for a canonical E.164 number with an unshared calling code that can take SMS; null means "ask the parser". */
function acceptCanonical(text: string): NormalizedNumber | null {
  if (!CANONICAL_E164.test(text)) return null
  for (let length = 1; length <= 3; length++) {
    const region = SINGLE_REGION_CODES.get(text.slice(1, 1 + length))
    if (region === undefined) continue
    const type = classifyNationalNumber(region, text.slice(1 + length))
    // With full metadata a number is valid exactly when it has a type; anything else goes the slow way for its reason.
    if (type === null || type === undefined || !SMS_CAPABLE.has(type)) return null
    return { ok: true, e164: text, country: region }
  }
  return null
}

// Separators people type inside a local number; anything else (brackets, dots, letters) goes to the parser.
const LOCAL_FORM = /^0[\d -]{5,20}$/
const SEPARATORS = /[ -]/g

/**
 * Per region, its calling code when a local number there is exactly "0" + the national number: the region's
 * calling code is its own, its national prefix is 0, and its metadata has no rule that rewrites the prefix.
 */
const PLAIN_TRUNK_ZERO = new Map<string, string | null>()

function plainTrunkZero(region: string): string | null {
  const known = PLAIN_TRUNK_ZERO.get(region)
  if (known !== undefined) return known
  const code = getCountryCallingCode(region as CountryCode)
  let answer: string | null = null
  if (SINGLE_REGION_CODES.get(code) === region) {
    const metadata = new Metadata(maxMetadata) as unknown as TrunkPrefixReader
    metadata.selectNumberingPlan(region)
    const forParsing = metadata.nationalPrefixForParsing()
    if (
      metadata.numberingPlan.nationalPrefix() === '0' &&
      (forParsing === undefined || forParsing === '0') &&
      !metadata.nationalPrefixTransformRule()
    )
      answer = code
  }
  PLAIN_TRUNK_ZERO.set(region, answer)
  return answer
}

/** The part of the library's `Metadata` class we read for local forms; its published typings leave these out. */
interface TrunkPrefixReader {
  selectNumberingPlan(region: string): void
  numberingPlan: { nationalPrefix(): string | undefined }
  nationalPrefixForParsing(): string | undefined
  nationalPrefixTransformRule(): string | undefined
}

/**
 * The answer for a local form (`070-123 45 67`) in a region where that is "0" + the national number and the number
 * can take SMS; null means "ask the parser" (which a 100,000-recipient batch of local forms otherwise runs per number).
 */
function acceptLocal(text: string, region: string): NormalizedNumber | null {
  if (!LOCAL_FORM.test(text)) return null
  const code = plainTrunkZero(region)
  if (code === null) return null
  const national = text.replace(SEPARATORS, '').slice(1)
  if (national.length < 6 || national.length > 14 - code.length) return null
  const type = classifyNationalNumber(region, national)
  if (type === null || type === undefined || !SMS_CAPABLE.has(type)) return null
  return { ok: true, e164: `+${code}${national}`, country: region }
}

/** True when `country` is a two-letter region libphonenumber knows, so it can be a default country. */
export function isSupportedDefaultCountry(country: string): boolean {
  return isSupportedCountry(country.toUpperCase())
}

/**
 * Normalises a number to E.164 (`070-123 45 67` → `+46701234567`), reading local forms as `defaultCountry`.
 * Never throws for bad input: an invalid number, or one that cannot receive SMS (landline, premium rate, …),
 * comes back as `{ ok: false, reason }`. Throws a TypeError only for an unsupported `defaultCountry`.
 */
export function normalizeNumber(input: string, defaultCountry = 'SE'): NormalizedNumber {
  const region = defaultCountry.toUpperCase()
  if (!isSupportedCountry(region)) throw new TypeError(`unsupported default country: ${defaultCountry}`)
  const text = input.trim()
  if (text === '') return fail('is empty')
  if (text.length > MAX_INPUT_LENGTH) return fail('is too long to be a phone number')
  const quick = acceptCanonical(text) ?? acceptLocal(text, region)
  if (quick) return quick
  let parsed: ReturnType<typeof parsePhoneNumberWithError>
  try {
    parsed = parsePhoneNumberWithError(text, region as CountryCode)
  } catch (err) {
    const code = err instanceof Error ? err.message : ''
    return fail(PARSE_REASONS[code] ?? 'is not a phone number')
  }
  if (parsed.ext) return fail('has an extension; an SMS can only go to the number itself')
  if (!parsed.isValid()) return fail(`is not a valid number${parsed.country ? ` in ${parsed.country}` : ''}`)
  const type = parsed.getType()
  if (!SMS_CAPABLE.has(type))
    return fail(TYPE_REASONS[type as NonNullable<NumberType>] ?? 'cannot receive SMS')
  return { ok: true, e164: parsed.number, country: parsed.country ?? null }
}

function fail(why: string): NormalizedNumber {
  return { ok: false, reason: `The number ${why}.` }
}
