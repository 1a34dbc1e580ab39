/**
 * Reads the keyword, if any, in an inbound SMS. The keyword must be the whole message, in any case, with
 * surrounding spaces and trailing punctuation ("Stop.", "stopp!") tolerated:
 *
 * - `STOP`, `STOPP`, `AVSLUTA` → opt out (the sender is blocklisted, reason `stop`).
 * - `START` → opt back in (lifts a block the recipient set: reason `stop` or `opt_out_link`).
 * - `Spara <words…>` → save the sender as a contact. The words after `Spara` mean:
 *     1 word:  first name                      `Spara Anna`
 *     2 words: first name, last name           `Spara Anna Svensson`
 *     3+ words: first name, last name, group   `Spara Anna Svensson Kunder`;
 *               with more than three, the first word is the first name, the LAST word is the group and
 *               the words between are the last name (`Spara Anna Maria Svensson Kunder` → last name
 *               "Maria Svensson"). A group is only ever the last of three or more words.
 *   `Spara` alone, or a name/group too long to store, is no keyword: the message is kept as ordinary text.
 *
 * Anything else is ordinary text. The parser never throws.
 */
import { MAX_GROUP_NAME_LENGTH, MAX_NAME_LENGTH } from '../contacts/validate.ts'

export type ParsedKeyword =
  | { keyword: 'STOP'; word: 'STOP' | 'STOPP' | 'AVSLUTA' }
  | { keyword: 'START' }
  | { keyword: 'SPARA'; firstName: string; lastName: string | null; group: string | null }

const STOP_WORDS = new Set(['STOP', 'STOPP', 'AVSLUTA'])
// Trailing sentence punctuation people add without thinking; quotes and brackets are left alone.
const TRAILING_PUNCTUATION = /[\s.!?,;:…]+$/u

/** The keyword in `body`, or null for an ordinary message. */
export function parseKeyword(body: unknown): ParsedKeyword | null {
  if (typeof body !== 'string') return null
  const text = body.normalize('NFC').trim().replace(TRAILING_PUNCTUATION, '')
  if (!text) return null
  const words = text.split(/\s+/u)
  const first = (words[0] ?? '').toUpperCase()
  if (words.length === 1) {
    if (STOP_WORDS.has(first)) return { keyword: 'STOP', word: first as 'STOP' | 'STOPP' | 'AVSLUTA' }
    if (first === 'START') return { keyword: 'START' }
    return null
  }
  if (first === 'SPARA') return parseSpara(words.slice(1))
  return null
}

function parseSpara(words: string[]): ParsedKeyword | null {
  const [firstName, ...rest] = words
  if (!firstName) return null
  const group = words.length >= 3 ? (rest.pop() ?? null) : null
  const lastName = rest.length ? rest.join(' ') : null
  if (firstName.length > MAX_NAME_LENGTH || (lastName?.length ?? 0) > MAX_NAME_LENGTH) return null
  if ((group?.length ?? 0) > MAX_GROUP_NAME_LENGTH) return null
  return { keyword: 'SPARA', firstName, lastName, group }
}
