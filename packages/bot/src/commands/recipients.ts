/**
 * The recipient rule for `send`: recipients are ONE word, comma-separated with no spaces
 * (`0701234567,+46709876543,group:staff`), or a quoted list in which spaces are allowed
 * (`"070-123 45 67, 070-765 43 21"`). Everything after that is the message.
 */

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

export type RecipientSplit =
  | { ok: true; recipients: string[]; groups: string[]; rest: string }
  | { ok: false; value: string; reason: BadArgumentReason }

const OPEN_QUOTES = '"“”„'
const CLOSE_QUOTES = '"“”'
const GROUP_PREFIX = /^(?:group|grupp):/i

/** Takes the recipients off the front of `text` (the words after `send`) and returns the rest as the body. */
export function splitRecipients(text: string): RecipientSplit {
  let list: string
  let rest: string
  if (OPEN_QUOTES.includes(text[0] ?? '')) {
    let close = -1
    for (let i = 1; i < text.length; i++) {
      if (CLOSE_QUOTES.includes(text[i] ?? '')) {
        close = i
        break
      }
    }
    if (close < 0) return { ok: false, value: shorten(text), reason: 'unclosed_quote' }
    list = text.slice(1, close)
    rest = text.slice(close + 1)
  } else {
    const space = text.search(/\s/)
    list = space < 0 ? text : text.slice(0, space)
    rest = space < 0 ? '' : text.slice(space)
  }

  const recipients: string[] = []
  const groups: string[] = []
  for (const raw of list.split(/[,;]/)) {
    const item = raw.trim()
    if (item === '') continue
    if (GROUP_PREFIX.test(item)) {
      const name = item.replace(GROUP_PREFIX, '').trim()
      if (name === '') return { ok: false, value: shorten(item), reason: 'empty_group' }
      if (!groups.includes(name)) groups.push(name)
      continue
    }
    const check = checkNumber(item)
    if (!check.ok) return { ok: false, value: shorten(item), reason: check.reason }
    if (!recipients.includes(check.number)) recipients.push(check.number)
  }
  return { ok: true, recipients, groups, rest: rest.trim() }
}

/** Keeps echoed input readable in a chat reply. */
export function shorten(text: string, max = 40): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
