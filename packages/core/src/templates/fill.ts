/**
 * Template placeholders: `{firstName}` is filled from the recipient's contact (or the send's `variables`),
 * `{firstName|vän}` declares what goes in when there is nothing to fill. A placeholder with no value and no default
 * is reported missing, so a literal `{firstName}` is never sent.
 */

/** The contact fields a template may name; any other name comes from the send's `variables`. */
export const CONTACT_FIELDS = ['firstName', 'lastName', 'email', 'number'] as const
export type ContactField = (typeof CONTACT_FIELDS)[number]

export const MAX_PLACEHOLDER_NAME = 40
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]{0,39})(?:\|([^{}]{0,100}))?\}/g

export interface Placeholder {
  name: string
  /** The declared default, or null when the value must be there. */
  fallback: string | null
}

/** The placeholders in `body`, in order, repeats included. */
export function placeholdersIn(body: string): Placeholder[] {
  return [...body.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] ?? '', fallback: m[2] ?? null }))
}

export type FillResult = { ok: true; body: string } | { ok: false; missing: string[] }

/** Fills every placeholder from `values` (empty counts as missing), else its default; lists what has neither. */
export function fillTemplate(
  body: string,
  values: Readonly<Record<string, string | null | undefined>>,
): FillResult {
  const missing: string[] = []
  const filled = body.replace(PLACEHOLDER, (_whole, name: string, fallback: string | undefined) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    if (value !== undefined && value !== null && value.trim() !== '') return value
    if (fallback !== undefined) return fallback
    if (!missing.includes(name)) missing.push(name)
    return ''
  })
  return missing.length > 0 ? { ok: false, missing } : { ok: true, body: filled }
}
