/** Checks and tidies what people type into a contact: names, email and group names. */
import { DeskError } from '../errors.ts'

export const MAX_NAME_LENGTH = 100
export const MAX_GROUP_NAME_LENGTH = 64
const MAX_EMAIL_LENGTH = 254
// One @, something on both sides, a dot in the domain, no spaces: a shape check, not deliverability.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

/** A trimmed name, or null for nothing/blank; too long → InvalidRequest. */
export function cleanName(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw new DeskError('InvalidRequest', `${field} must be text`)
  const name = value.trim().replace(/\s+/g, ' ')
  if (name.length > MAX_NAME_LENGTH)
    throw new DeskError('InvalidRequest', `${field} is longer than ${MAX_NAME_LENGTH} characters`)
  return name || null
}

/** A trimmed email of a plausible shape, or null for nothing/blank; anything else → InvalidRequest. */
export function cleanEmail(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw new DeskError('InvalidRequest', 'email must be text')
  const email = value.trim()
  if (!email) return null
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) {
    throw new DeskError('InvalidRequest', `"${email}" is not an email address`)
  }
  return email
}

/** Group names trimmed, blanks dropped, duplicates (ignoring case) merged keeping the first spelling. */
export function cleanGroupNames(values: unknown): string[] {
  if (values === undefined || values === null) return []
  if (!Array.isArray(values)) throw new DeskError('InvalidRequest', 'groups must be a list of names')
  const byKey = new Map<string, string>()
  for (const value of values) {
    if (typeof value !== 'string') throw new DeskError('InvalidRequest', 'group names must be text')
    const name = value.trim().replace(/\s+/g, ' ')
    if (!name) continue
    if (name.length > MAX_GROUP_NAME_LENGTH) {
      throw new DeskError(
        'InvalidRequest',
        `Group name "${name}" is longer than ${MAX_GROUP_NAME_LENGTH} characters`,
      )
    }
    if (!byKey.has(groupKey(name))) byKey.set(groupKey(name), name)
  }
  return [...byKey.values()]
}

/** The case-insensitive identity of a group name (stored as `name_key`). */
export function groupKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').normalize('NFC').toLowerCase()
}
