/** Picks the texts for a language and formats money and times the way its readers expect. */

import type { Lang, Money } from '@smsdesk/core'
import { en } from './en.ts'
import type { Messages } from './messages.ts'
import { sv } from './sv.ts'

export type { Messages } from './messages.ts'

export const DEFAULT_LANG: Lang = 'sv'

export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : sv
}

/** `12345 SEK` → `123,45 SEK` (sv) or `123.45 SEK` (en); minor units stay integers until here. */
export function formatAmount(money: Money, lang: Lang): string {
  const sign = money.amount < 0 ? '-' : ''
  const abs = Math.abs(money.amount)
  const whole = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${sign}${whole}${lang === 'sv' ? ',' : '.'}${cents} ${money.currency}`
}

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/** `2026-11-25 14:05:09` in the given zone (Swedish time by default): chat readers are people, not parsers. */
export function formatTime(date: Date, timeZone = 'Europe/Stockholm'): string {
  let format = timeFormats.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    timeFormats.set(timeZone, format)
  }
  return format.format(date)
}
