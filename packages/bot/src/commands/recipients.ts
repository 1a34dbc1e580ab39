/**
 * The recipient rule for `send`: numbers as people write them (`070-123 45 67`, `+46 70 123 45 67`, `0046 70…`),
 * found by libphonenumber-js's text scanning (through the core, Swedish by default), separated by commas,
 * semicolons, spaces, "och" or "and", and `group:<name>`. The message starts where the recipients end. A quoted
 * list (`"070-123 45 67, 070 765 43 21"`) says exactly where the recipients end. Whatever could be read two ways
 * is refused with the reading we would have used, never guessed.
 */

import { findLeadingNumber } from '@smsdesk/core'
import type { BadArgumentReason } from './command.ts'

/** Separators people put inside phone numbers; they carry no meaning. */
const NUMBER_NOISE = /[\s\-().\u00a0]/g

/** 8–15 digits, optionally after `+` or `00`: the shortest Swedish mobile number has 10, E.164 allows 15. */
const PLAUSIBLE_NUMBER = /^(?:\+|00)?\d{8,15}$/
const NUMBERISH = /^(?:\+|00)?\d+$/

export type NumberCheck = { ok: true; number: string } | { ok: false; reason: BadArgumentReason }

/** Whether `text` is shaped like a phone number; the core decides whether it is a real one. */
export function checkNumber(text: string): NumberCheck {
  const compact = text.replace(NUMBER_NOISE, '')
  // `00` is how international numbers are dialled from Sweden; the core expects the `+` form.
  if (PLAUSIBLE_NUMBER.test(compact))
    return { ok: true, number: compact.startsWith('00') ? `+${compact.slice(2)}` : compact }
  // A short run of digits is almost always a local number whose spaces split it in two.
  if (NUMBERISH.test(compact) && compact.length > 0) return { ok: false, reason: 'number_cut_short' }
  return { ok: false, reason: 'not_a_number' }
}

export interface RecipientReading {
  recipients: string[]
  groups: string[]
  rest: string
}

export type RecipientSplit =
  | ({ ok: true } & RecipientReading)
  | { ok: false; value: string; reason: BadArgumentReason }
  /** The text could be read more than one way; `reading` is the one we would have used. */
  | { ok: false; ambiguous: RecipientReading }

const OPEN_QUOTES = '"“”„'
const CLOSE_QUOTES = '"“”'
const GROUP = /^(?:group|grupp):([^\s,;]*)/i
const LIST_SEPARATOR = /^\s*[,;]\s*/
const WORD_SEPARATOR = /^\s+(?:och|and|&|samt)\s+/i
/** Text that starts like a number: the recipients may have run on into it. */
const NUMBER_START = /^[+＋(\p{Nd}]/u

/** Takes the recipients off the front of `text` (the words after `send`) and returns the rest as the body. */
export function splitRecipients(text: string, defaultCountry = 'SE'): RecipientSplit {
  if (OPEN_QUOTES.includes(text[0] ?? '')) return splitQuoted(text, defaultCountry)
  const reading: RecipientReading = { recipients: [], groups: [], rest: '' }
  let pos = 0
  while (pos < text.length) {
    const item = readItem(text.slice(pos), reading, defaultCountry)
    if (item === null) break
    if (typeof item !== 'number') return item
    pos += item
    const next = text.slice(pos)
    const separator = LIST_SEPARATOR.exec(next) ?? WORD_SEPARATOR.exec(next)
    // "och"/"and" joins recipients only when another one follows; otherwise it is the first word of the text.
    if (separator && (LIST_SEPARATOR.test(next) || startsWithRecipient(next.slice(separator[0].length))))
      pos += separator[0].length
    else pos += /^\s*/.exec(next)?.[0].length ?? 0
  }
  // "070-123 45 67: Hej" — a colon after the recipients introduces the text.
  reading.rest = text.slice(pos).replace(/^:\s+/, '').trim()
  if (reading.recipients.length + reading.groups.length === 0) return refuseStart(text)
  // A text that starts with digits may be the end of a number written with one digit too many.
  if (NUMBER_START.test(reading.rest)) return { ok: false, ambiguous: reading }
  return { ok: true, ...reading }
}

/**
 * Reads one recipient at the start of `text` into `reading`: its length, null when no recipient starts there, or a
 * refusal.
 */
function readItem(
  text: string,
  reading: RecipientReading,
  defaultCountry: string,
): number | null | RecipientSplit {
  const group = GROUP.exec(text)
  if (group) {
    const name = group[1] ?? ''
    if (name === '') return { ok: false, value: shorten(group[0]), reason: 'empty_group' }
    if (!reading.groups.includes(name)) reading.groups.push(name)
    return group[0].length
  }
  const found = findLeadingNumber(text, defaultCountry)
  if (found) {
    if (!reading.recipients.includes(found.e164)) reading.recipients.push(found.e164)
    return found.end
  }
  // A number-shaped word libphonenumber does not know goes to the core, whose 409 says why it is not valid.
  const word = /^[^\s,;]+/.exec(text)?.[0] ?? ''
  const check = checkNumber(word)
  if (check.ok && /^[+\d]/.test(word)) {
    if (!reading.recipients.includes(check.number)) reading.recipients.push(check.number)
    return word.length
  }
  return null
}

function startsWithRecipient(text: string): boolean {
  return GROUP.test(text) || findLeadingNumber(text) !== null
}

/** No recipient at the start: the first word is what is wrong. */
function refuseStart(text: string): RecipientSplit {
  return badItem(text)
}

/** `"<recipients>" <text>`: inside the quotes every item must be a recipient. */
function splitQuoted(text: string, defaultCountry: string): RecipientSplit {
  let close = -1
  for (let i = 1; i < text.length; i++) {
    if (CLOSE_QUOTES.includes(text[i] ?? '')) {
      close = i
      break
    }
  }
  if (close < 0) return { ok: false, value: shorten(text), reason: 'unclosed_quote' }
  const list = text.slice(1, close).trim()
  const rest = text.slice(close + 1).trim()
  const inner = splitRecipients(list, defaultCountry)
  if (!inner.ok) {
    if ('reason' in inner) return inner
    // Inside quotes nothing may follow the recipients: what is left is a recipient we cannot read.
    return badItem(inner.ambiguous.rest)
  }
  if (inner.rest !== '') return badItem(inner.rest)
  return { ok: true, recipients: inner.recipients, groups: inner.groups, rest }
}

function badItem(text: string): RecipientSplit {
  const word = /^[^\s,;]+/.exec(text)?.[0] ?? text
  const check = checkNumber(word)
  return { ok: false, value: shorten(word), reason: check.ok ? 'not_a_number' : check.reason }
}

/** Keeps echoed input readable in a chat reply. */
export function shorten(text: string, max = 40): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
