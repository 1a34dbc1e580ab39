/** Support opening hours written as `Mon-Fri 08:00-17:00 Europe/Stockholm`: are we open now, and when next? */

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
const HOURS =
  /^([A-Za-z]{3})(?:\s*[-–]\s*([A-Za-z]{3}))?\s+(\d{1,2})(?::(\d{2}))?\s*[-–]\s*(\d{1,2})(?::(\d{2}))?\s+([\w/+-]+)$/

export interface SupportHours {
  days: Set<number>
  /** Minutes after midnight, local time. */
  opens: number
  closes: number
  timeZone: string
}

/** The parsed hours, or null when the text is free-form (it is then only shown, never reasoned about). */
export function parseSupportHours(text: string | null): SupportHours | null {
  const m = text?.trim().match(HOURS)
  if (!m) return null
  const from = DAYS.indexOf(m[1]!.toLowerCase() as (typeof DAYS)[number])
  const to = m[2] ? DAYS.indexOf(m[2].toLowerCase() as (typeof DAYS)[number]) : from
  if (from < 0 || to < 0) return null
  try {
    new Intl.DateTimeFormat('en', { timeZone: m[7]! })
  } catch {
    return null
  }
  const days = new Set<number>()
  for (let d = from; ; d = (d + 1) % 7) {
    days.add(d)
    if (d === to) break
  }
  const opens = Number(m[3]) * 60 + Number(m[4] ?? 0)
  const closes = Number(m[5]) * 60 + Number(m[6] ?? 0)
  return closes > opens ? { days, opens, closes, timeZone: m[7]! } : null
}

function localParts(at: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return {
    day: DAYS.indexOf(get('weekday').toLowerCase() as (typeof DAYS)[number]),
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  }
}

/** Whether support is open at `at`, and if not, the next opening (to the minute). */
export function supportAvailability(hours: SupportHours, at: Date): { open: boolean; nextOpen: Date | null } {
  const now = localParts(at, hours.timeZone)
  if (hours.days.has(now.day) && now.minute >= hours.opens && now.minute < hours.closes)
    return { open: true, nextOpen: null }
  // Step a quarter of an hour at a time over the next eight days: simple, and right across DST changes.
  const start = Math.ceil(at.getTime() / 900_000) * 900_000
  for (let t = start; t < at.getTime() + 8 * 86_400_000; t += 900_000) {
    const p = localParts(new Date(t), hours.timeZone)
    if (hours.days.has(p.day) && p.minute >= hours.opens && p.minute < hours.closes)
      return { open: false, nextOpen: new Date(t) }
  }
  return { open: false, nextOpen: null }
}
