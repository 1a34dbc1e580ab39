/**
 * Send times as people write them, Swedish or English (`kl 09:00 imorgon`, `at 2026-12-24 09:00`, `tomorrow 9am`),
 * read by chrono-node. chrono's Swedish locale reads dates but not times (`kl 9`), so Swedish words are first put
 * in English word by word (imorgon → tomorrow, kl → at, måndag → monday, 14.30 → 14:30) and the English parser
 * reads the result; a time only counts when it names the hour, so "Idag är det rea" stays text.
 */
import * as chrono from 'chrono-node'

const SWEDISH: Record<string, string> = {
  imorgon: 'tomorrow',
  imorron: 'tomorrow',
  idag: 'today',
  ikväll: 'tonight',
  kl: 'at',
  'kl.': 'at',
  klockan: 'at',
  på: 'on',
  den: '',
  nästa: 'next',
  måndag: 'monday',
  tisdag: 'tuesday',
  onsdag: 'wednesday',
  torsdag: 'thursday',
  fredag: 'friday',
  lördag: 'saturday',
  söndag: 'sunday',
  januari: 'january',
  februari: 'february',
  mars: 'march',
  maj: 'may',
  juni: 'june',
  juli: 'july',
  augusti: 'august',
  oktober: 'october',
}
/** Two-word Swedish forms, read as one word. */
const SWEDISH_PAIRS: Record<string, string> = {
  'i morgon': 'tomorrow',
  'i dag': 'today',
  'i kväll': 'tonight',
}
/** Words a time phrase may begin with; anything else is the message. */
const STARTS =
  /^(?:at|kl\.?|klockan|imorgon|imorron|idag|ikväll|i|tomorrow|today|tonight|on|på|den|next|nästa|\d{4}-\d{2}-\d{2})$/i
const MAX_WORDS = 8

interface Word {
  english: string
  /** Where the original word ends in the text. */
  end: number
}

function englishWords(text: string): Word[] {
  const found = [...text.matchAll(/\S+/g)].slice(0, MAX_WORDS)
  const words: Word[] = []
  for (let i = 0; i < found.length; i++) {
    const w = found[i] as RegExpExecArray
    const lower = w[0].toLowerCase()
    const next = found[i + 1]
    const pair = next ? SWEDISH_PAIRS[`${lower} ${next[0].toLowerCase()}`] : undefined
    if (pair !== undefined && next) {
      words.push({ english: pair, end: next.index + next[0].length })
      i++
      continue
    }
    const english = Object.hasOwn(SWEDISH, lower)
      ? (SWEDISH[lower] ?? '')
      : lower.replace(/^(\d{1,2})\.(\d{2})$/, '$1:$2')
    words.push({ english, end: w.index + w[0].length })
  }
  return words
}

/** The time phrase at the start of `text` and where it ends, or null when the text does not start with one. */
export function findLeadingTime(text: string): { phrase: string; end: number } | null {
  const first = /^\S+/.exec(text)?.[0] ?? ''
  if (!STARTS.test(first)) return null
  const words = englishWords(text)
  let english = ''
  const ends: { at: number; end: number }[] = []
  for (const w of words) {
    if (w.english === '') continue
    english += `${english === '' ? '' : ' '}${w.english}`
    ends.push({ at: english.length, end: w.end })
  }
  const result = chrono.en.parse(english, new Date(0), { forwardDate: true })[0]
  if (!result?.start.isCertain('hour')) return null
  // Only connecting words ("at", "on") may come before what chrono read.
  if (!/^(?:(?:at|on)\s+)*$/i.test(english.slice(0, result.index))) return null
  const stop = result.index + result.text.length
  const word = ends.find((e) => e.at >= stop)
  if (!word) return null
  return { phrase: text.slice(0, word.end), end: word.end }
}

/** The offset of `timeZone` from UTC at `at`, in minutes (Stockholm: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'))
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000)
}

/** The absolute time `phrase` means, read in `timeZone` from `now`; null when it is not a time after all. */
export function resolveTime(phrase: string, now: Date, timeZone: string): Date | null {
  const english = englishWords(phrase)
    .map((w) => w.english)
    .filter((w) => w !== '')
    .join(' ')
  let offset = zoneOffsetMinutes(timeZone, now)
  let at = chrono.en.parseDate(english, { instant: now, timezone: offset }, { forwardDate: true })
  if (at === null) return null
  // Across a daylight-saving change the offset at the time itself is the one that counts.
  const then = zoneOffsetMinutes(timeZone, at)
  if (then !== offset) {
    offset = then
    at = chrono.en.parseDate(english, { instant: now, timezone: offset }, { forwardDate: true })
  }
  return at
}
