/** `parseCommand`: chat text in, a typed command or a language-neutral problem out. Never throws. */

import {
  COMMAND_NAMES,
  type CommandName,
  type Lang,
  type OperatorRole,
  type ParseResult,
  type Role,
} from './command.ts'
import { bad, fail, missing, ok, splitWord } from './parse-helpers.ts'
import { parseCancel, parseSend, parseTemplate } from './parse-send.ts'
import { checkNumber, shorten } from './recipients.ts'

/** Longer than any SMS we would send (the core caps bodies far below this); protects the regexes below. */
export const MAX_INPUT = 5000

/** Swedish words people type out of habit, mapped to the command they mean. */
const ALIASES: Record<string, CommandName> = {
  hjälp: 'help',
  '?': 'help',
  skicka: 'send',
  saldo: 'balance',
  kod: 'code',
  kontakter: 'contacts',
  spärra: 'block',
  'häv-spärr': 'unblock',
  avregistrering: 'optout',
  'opt-out': 'optout',
  koppla: 'connect',
  språk: 'lang',
  language: 'lang',
  konto: 'account',
  kund: 'account',
  kreditera: 'credit',
  mallar: 'templates',
  mall: 'template',
  avbryt: 'cancel',
  schemalagda: 'scheduled',
  planerade: 'scheduled',
}

const ROLES: Record<string, Role | OperatorRole> = {
  admin: 'admin',
  sender: 'sender',
  viewer: 'viewer',
  operator: 'operator',
  support: 'support',
}
const LANGS: Record<string, Lang> = {
  sv: 'sv',
  svenska: 'sv',
  swedish: 'sv',
  en: 'en',
  english: 'en',
  engelska: 'en',
}
const MENTION = /^<@([A-Za-z0-9._:-]{1,200})>$/
const ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Parses the text after `/sms` (Slack) or a message to the bot (Teams, mentions already turned into `<@id>`).
 * A leading `sms` word is ignored so Teams users can type either form.
 */
export function parseCommand(input: string): ParseResult {
  const text = String(input ?? '').trim()
  if (text.length > MAX_INPUT) return fail({ code: 'too_long', max: MAX_INPUT })
  let [word, rest] = splitWord(text)
  if (/^\/?sms$/i.test(word)) [word, rest] = splitWord(rest)
  if (word === '') return fail({ code: 'empty' })

  const lower = word.toLowerCase().replace(/^\//, '')
  const name = (COMMAND_NAMES as readonly string[]).includes(lower)
    ? (lower as CommandName)
    : Object.hasOwn(ALIASES, lower)
      ? ALIASES[lower]
      : undefined
  if (name === undefined)
    return fail({ code: 'unknown_command', word: shorten(word, 30), suggestion: nearestCommand(lower) })
  return parseArguments(name, rest)
}

function parseArguments(name: CommandName, rest: string): ParseResult {
  switch (name) {
    case 'help': {
      const topic = rest.split(/\s+/)[0]?.toLowerCase() ?? ''
      const known = (COMMAND_NAMES as readonly string[]).includes(topic) ? (topic as CommandName) : null
      return ok({
        kind: 'help',
        topic: known ?? (Object.hasOwn(ALIASES, topic) ? (ALIASES[topic] ?? null) : null),
      })
    }
    case 'send':
      return parseSend(rest)
    case 'status':
      return parseStatus(rest)
    case 'balance':
      return ok({ kind: 'balance' })
    case 'optout':
      if (rest !== '') return bad(name, 'optout', rest, 'extra_words')
      return ok({ kind: 'optout' })
    case 'code':
      if (rest === '') return missing(name, 'code')
      if (rest.length > 64) return bad(name, 'code', rest, 'too_long')
      return ok({ kind: 'code', query: rest })
    case 'contacts':
      if (rest.length > 100) return bad(name, 'search', rest, 'too_long')
      return ok({ kind: 'contacts', search: rest === '' ? null : rest })
    case 'block':
    case 'unblock': {
      if (rest === '') return missing(name, 'number')
      const check = checkNumber(rest)
      if (!check.ok) return bad(name, 'number', rest, check.reason)
      return ok({ kind: name, number: check.number })
    }
    case 'faq':
      if (rest === '') return missing(name, 'question')
      if (rest.length > 500) return bad(name, 'question', rest, 'too_long')
      return ok({ kind: 'faq', question: rest })
    case 'connect': {
      if (rest === '') return missing(name, 'api key')
      // The key is a secret: problems about it never quote it back.
      if (/\s/.test(rest)) return bad(name, 'api key', '', 'extra_words')
      if (rest.length > 200) return bad(name, 'api key', '', 'too_long')
      return ok({ kind: 'connect', apiKey: rest })
    }
    case 'grant':
    case 'revoke':
      return parseMemberChange(name, rest)
    case 'lang': {
      if (rest === '') return missing(name, 'sv|en')
      const lang = LANGS[rest.toLowerCase()]
      if (lang === undefined) return bad(name, 'sv|en', rest, 'unknown_lang')
      return ok({ kind: 'lang', lang })
    }
    case 'account':
      if (rest === '') return missing(name, 'customer number or name')
      if (rest.length > 100) return bad(name, 'customer number or name', rest, 'too_long')
      return ok({ kind: 'account', query: rest })
    case 'credit':
      return parseCredit(rest)
    case 'templates':
      if (rest !== '') return bad(name, 'templates', rest, 'extra_words')
      return ok({ kind: 'templates' })
    case 'template':
      return parseTemplate(rest)
    case 'cancel':
      return parseCancel(rest)
    case 'scheduled':
      if (rest !== '') return bad(name, 'scheduled', rest, 'extra_words')
      return ok({ kind: 'scheduled' })
  }
}

/** `credit <customer number> <amount> <reference>`: the amount in whole units with up to two decimals (500, -25,50). */
function parseCredit(rest: string): ParseResult {
  const [account, afterAccount] = splitWord(rest)
  if (account === '') return missing('credit', 'customer number')
  const [amountText, reference] = splitWord(afterAccount)
  if (amountText === '') return missing('credit', 'amount')
  const amount = /^-?\d{1,9}([.,]\d{1,2})?$/.test(amountText)
    ? Math.round(Number(amountText.replace(',', '.')) * 100)
    : Number.NaN
  if (!Number.isSafeInteger(amount) || amount === 0)
    return bad('credit', 'amount', amountText, 'not_an_amount')
  if (reference === '') return missing('credit', 'reference')
  if (/\s/.test(reference)) return bad('credit', 'reference', reference, 'extra_words')
  if (reference.length > 100) return bad('credit', 'reference', reference, 'too_long')
  return ok({ kind: 'credit', account, amount, reference })
}

function parseStatus(rest: string): ParseResult {
  if (rest === '') return missing('status', 'id')
  const [first, after] = splitWord(rest)
  if (first.toLowerCase() === 'batch') {
    if (after === '') return missing('status', 'batch id')
    if (!ID.test(after)) return bad('status', 'batch id', after, 'not_an_id')
    return ok({ kind: 'status-batch', id: after })
  }
  const paged = /^(.*?)\s+(?:more|mer|page|sida)(?:\s+(\d{1,3}))?$/i.exec(rest)
  const numberText = paged ? (paged[1] ?? '') : rest
  const page = paged ? Math.min(99, Math.max(2, Number(paged[2] ?? 2))) : 1
  const number = checkNumber(numberText)
  if (number.ok) return ok({ kind: 'status-number', number: number.number, page })
  if (ID.test(rest) && /[A-Za-z]/.test(rest)) return ok({ kind: 'status-message', id: rest })
  if (number.reason === 'number_cut_short') return bad('status', 'id', rest, 'number_cut_short')
  return bad('status', 'id', rest, 'not_an_id')
}

function parseMemberChange(name: 'grant' | 'revoke', rest: string): ParseResult {
  const [who, after] = splitWord(rest)
  if (who === '') return missing(name, '@user')
  const mention = MENTION.exec(who)
  if (mention === null) return bad(name, '@user', who, 'not_a_mention')
  const userId = mention[1] ?? ''
  if (name === 'revoke') {
    if (after !== '') return bad(name, '@user', after, 'extra_words')
    return ok({ kind: 'revoke', userId })
  }
  if (after === '') return missing(name, 'role')
  const role = ROLES[after.toLowerCase()]
  if (role === undefined) return bad(name, 'role', after, 'unknown_role')
  return ok({ kind: 'grant', userId, role })
}

/** The command one or two typos away, for "did you mean". */
function nearestCommand(word: string): CommandName | null {
  if (word.length > 20) return null
  let best: CommandName | null = null
  let bestDistance = 3
  for (const name of COMMAND_NAMES) {
    const d = editDistance(word, name)
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
