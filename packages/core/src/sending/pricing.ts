/** What one SMS segment costs per destination country, in the account's currency, in minor units. */
import { DeskError } from '../errors.ts'

/** One currency's prices: per ISO-3166 alpha-2 country, and a fallback for countries not listed. */
export interface PriceList {
  /** Minor units per segment, keyed by upper-case ISO-2 country code. */
  countries: Readonly<Record<string, number>>
  /** Price for any country not listed; without it such messages are rejected (406 GenericRejected). */
  default?: number
}

/** Price lists keyed by currency (ISO-4217, upper case); an account is priced in its own currency. */
export type PriceTable = Readonly<Record<string, PriceList>>

/**
 * The prices used when none are configured. Öre/cent per segment: the Nordics are cheapest, then the rest of
 * Europe, North America and the rest of the world.
 */
export const DEFAULT_PRICES: PriceTable = {
  SEK: {
    countries: { SE: 49, NO: 59, DK: 59, FI: 59, DE: 79, GB: 69, US: 89, CA: 89 },
    default: 99,
  },
  EUR: {
    countries: { SE: 5, NO: 6, DK: 6, FI: 5, DE: 8, GB: 7, US: 9, CA: 9 },
    default: 10,
  },
  NOK: {
    countries: { SE: 55, NO: 49, DK: 65, FI: 65, DE: 89, GB: 79, US: 99, CA: 99 },
    default: 109,
  },
  DKK: {
    countries: { SE: 39, NO: 42, DK: 35, FI: 42, DE: 59, GB: 52, US: 65, CA: 65 },
    default: 75,
  },
  USD: {
    countries: { SE: 5, NO: 6, DK: 6, FI: 6, DE: 8, GB: 7, US: 1, CA: 1 },
    default: 10,
  },
  GBP: {
    countries: { SE: 4, NO: 5, DK: 5, FI: 5, DE: 7, GB: 4, US: 7, CA: 7 },
    default: 9,
  },
}

export type SegmentPrice = { ok: true; perSegment: number } | { ok: false; reason: string }

/** The price of one segment to `country` in `currency`, or why there is none. */
export function segmentPrice(table: PriceTable, currency: string, country: string | null): SegmentPrice {
  const list = table[currency.toUpperCase()]
  if (!list) return { ok: false, reason: `No price list for the account's currency ${currency}.` }
  const price = (country ? list.countries[country.toUpperCase()] : undefined) ?? list.default
  if (price === undefined)
    return { ok: false, reason: `No price for destination country ${country ?? 'unknown'} in ${currency}.` }
  return { ok: true, perSegment: price }
}

/** Checks a configured table: every price a non-negative integer of minor units. Throws a TypeError otherwise. */
export function assertPriceTable(table: PriceTable): PriceTable {
  for (const [currency, list] of Object.entries(table)) {
    const prices = Object.entries(list.countries)
    if (list.default !== undefined) prices.push(['default', list.default])
    for (const [where, price] of prices) {
      if (!Number.isSafeInteger(price) || price < 0)
        throw new TypeError(`price for ${where} in ${currency} must be a non-negative integer of minor units`)
    }
  }
  return table
}

/** Checks an account's own list (from an operator): ISO-2 countries, non-negative integer minor units. */
export function assertPriceList(list: unknown): PriceList {
  const bad = (why: string): never => {
    throw new DeskError('InvalidRequest', `Price list: ${why}`, { details: { field: 'priceList' } })
  }
  if (typeof list !== 'object' || list === null) return bad('must be an object { countries, default? }')
  const { countries, default: fallback } = list as { countries?: unknown; default?: unknown }
  if (typeof countries !== 'object' || countries === null || Array.isArray(countries))
    return bad('countries must map ISO-2 country codes to prices')
  const out: Record<string, number> = {}
  for (const [country, price] of Object.entries(countries)) {
    if (!/^[A-Za-z]{2}$/.test(country)) bad(`"${country}" is not an ISO-2 country code`)
    if (!Number.isSafeInteger(price) || (price as number) < 0)
      bad(`the price for ${country} must be a non-negative whole number of minor units`)
    out[country.toUpperCase()] = price as number
  }
  if (fallback !== undefined && (!Number.isSafeInteger(fallback) || (fallback as number) < 0))
    bad('default must be a non-negative whole number of minor units')
  return fallback === undefined ? { countries: out } : { countries: out, default: fallback as number }
}

/** A stored price list (JSON), or null for none or an unreadable one. */
export function parsePriceList(json: string | null): PriceList | null {
  if (json === null) return null
  try {
    return assertPriceList(JSON.parse(json))
  } catch {
    return null
  }
}

/**
 * The list in force for an account: its own prices per country over the provider's, its own default before the
 * provider's. Null when the provider has no list in the currency and the account none either.
 */
export function priceListInForce(
  table: PriceTable,
  currency: string,
  own: PriceList | null,
): PriceList | null {
  const provider = table[currency.toUpperCase()]
  if (!own) return provider ?? null
  const fallback = own.default ?? provider?.default
  const countries = { ...provider?.countries, ...own.countries }
  return fallback === undefined ? { countries } : { countries, default: fallback }
}
