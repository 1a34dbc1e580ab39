/** Checks on what a customer types into the support form: bounded, plain text, no markup. */
import { DeskError } from '../errors.ts'
import { normalizeNumber } from '../sending/phone.ts'

export const SUPPORT_LIMITS = {
  text: 2000,
  name: 100,
  email: 254,
  customerNumber: 20,
  page: 500,
  searches: 10,
  search: 200,
} as const

// A tag-like `<x` / `</x` / `<!` is refused: staff channels and the widget show plain text only.
const HTML = /<\s*[a-z!/?]/i
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

function invalid(field: string, message: string, reason = 'invalid'): DeskError {
  return new DeskError('InvalidRequest', message, { details: { field, reason } })
}

/** A trimmed, bounded plain-text field; `InvalidContent` (reason `html`) when it holds markup. */
export function plainText(field: string, value: unknown, max: number, required = true): string | null {
  const text = typeof value === 'string' ? value.trim() : ''
  if (text === '') {
    if (required) throw invalid(field, `${field} is required.`, 'missing')
    return null
  }
  if (text.length > max) throw invalid(field, `${field} is longer than ${max} characters.`, 'too_long')
  if (HTML.test(text))
    throw new DeskError('InvalidContent', 'HTML is not allowed; write plain text.', {
      details: { field, reason: 'html' },
    })
  return text
}

export function email(value: unknown): string | null {
  const text = plainText('email', value, SUPPORT_LIMITS.email, false)
  if (text !== null && !EMAIL.test(text)) throw invalid('email', 'That e-mail address does not look right.')
  return text
}

export function mobile(value: unknown, defaultCountry: string): string | null {
  const text = plainText('mobile', value, 64, false)
  if (text === null) return null
  const n = normalizeNumber(text, defaultCountry)
  if (!n.ok) throw invalid('mobile', `The mobile number ${n.reason}.`)
  return n.e164
}

export function searches(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.trim().slice(0, SUPPORT_LIMITS.search))
    .filter((s) => s !== '' && !HTML.test(s))
    .slice(-SUPPORT_LIMITS.searches)
}
