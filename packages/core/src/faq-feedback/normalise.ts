/** Turns a customer's search text into a counter key that carries no personal data. */

/** Longest key kept: the rest of a long question adds nothing to a miss report. */
export const MAX_MISS_QUERY_LENGTH = 100

const EMAIL = /[^\s@]+@[^\s@]+/g
const URL = /\b(?:https?:\/\/|www\.)\S+/g
// Six or more digits with the separators people type in a number: +46 70-123 45 67, 0701234567.
const PHONE = /\+?\d[\d\s\-().]{4,}\d/g
const DIGITS = /\d+/g

/**
 * Lower-cased and trimmed, whitespace collapsed; e-mail addresses, links and phone numbers become
 * `[email]`, `[link]` and `[phone]`, and any other run of digits `#` (customer numbers, order numbers).
 */
export function normaliseFaqQuery(query: string): string {
  return query
    .slice(0, 4 * MAX_MISS_QUERY_LENGTH)
    .toLowerCase()
    .replace(EMAIL, '[email]')
    .replace(URL, '[link]')
    .replace(PHONE, '[phone]')
    .replace(DIGITS, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s?!.,:;]+|[\s?!.,:;]+$/g, '')
    .slice(0, MAX_MISS_QUERY_LENGTH)
    .trim()
}
