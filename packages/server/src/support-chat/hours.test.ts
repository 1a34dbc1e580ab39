/** Support hours: parsed from `Mon-Fri 08:00-17:00 Europe/Stockholm`, open or not, and the next opening. */
import { describe, expect, it } from 'vitest'
import { parseSupportHours, supportAvailability } from './hours.ts'

describe('support hours', () => {
  const hours = parseSupportHours('Mon-Fri 08:00-17:00 Europe/Stockholm')!

  it('parses day ranges, times and the time zone; free text is left alone', () => {
    expect(hours).toMatchObject({ opens: 480, closes: 1020, timeZone: 'Europe/Stockholm' })
    expect([...hours.days].sort()).toEqual([1, 2, 3, 4, 5])
    expect(parseSupportHours('Mån–fre 08–17')).toBeNull()
    expect(parseSupportHours('Mon-Fri 08:00-17:00 Mars/Olympus')).toBeNull()
    expect(parseSupportHours(null)).toBeNull()
  })

  it('is open on a weekday afternoon in Stockholm, and on Saturday says Monday 08:00', () => {
    expect(supportAvailability(hours, new Date('2026-12-02T13:00:00Z'))).toEqual({
      open: true,
      nextOpen: null,
    })
    const saturday = supportAvailability(hours, new Date('2026-12-05T12:00:00Z'))
    expect(saturday.open).toBe(false)
    // 08:00 in Stockholm in December (UTC+1).
    expect(saturday.nextOpen?.toISOString()).toBe('2026-12-07T07:00:00.000Z')
  })
})
