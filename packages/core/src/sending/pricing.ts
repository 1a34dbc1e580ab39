/** What one SMS segment costs per destination country, in the account's currency, in minor units. */

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
