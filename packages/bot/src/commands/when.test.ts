import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findLeadingTime, resolveTime, zoneOffsetMinutes } from './when.ts'

const NOW = new Date('2026-12-02T11:00:00Z')
const ZONE = 'Europe/Stockholm'
const local = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' }).format(d)

describe('send times', () => {
  it('knows Stockholm’s offset in winter and summer', () => {
    expect(zoneOffsetMinutes(ZONE, new Date('2026-12-02T11:00:00Z'))).toBe(60)
    expect(zoneOffsetMinutes(ZONE, new Date('2027-06-02T11:00:00Z'))).toBe(120)
  })

  it('reads Swedish and English phrases in the workspace’s zone', () => {
    const at = (phrase: string) => {
      const d = resolveTime(phrase, NOW, ZONE)
      return d ? local(d) : null
    }
    expect(at('kl 09:00 imorgon')).toBe('2026-12-03 09:00')
    expect(at('imorgon kl 9')).toBe('2026-12-03 09:00')
    expect(at('i morgon 14.30')).toBe('2026-12-03 14:30')
    expect(at('på fredag kl 10')).toBe('2026-12-04 10:00')
    expect(at('at 2026-12-24 09:00')).toBe('2026-12-24 09:00')
    expect(at('tomorrow at 9am')).toBe('2026-12-03 09:00')
    expect(at('den 24 december kl 18')).toBe('2026-12-24 18:00')
  })

  it('reads any day and time of the next 90 days back as that local time, across daylight saving', () => {
    const when = fc.record({
      days: fc.integer({ min: 1, max: 89 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
    })
    fc.assert(
      fc.property(when, ({ days, hour, minute }) => {
        // From mid-March, so the 90 days cross the change to summer time on 28 March.
        const now = new Date('2027-03-15T11:00:00Z')
        const day = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short' }).format(
          new Date(now.getTime() + days * 86_400_000),
        )
        // 02:00–02:59 on that night does not exist in Stockholm.
        fc.pre(!(day === '2027-03-28' && hour === 2))
        const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
        const found = findLeadingTime(`at ${day} ${time} Hej`)
        expect(found?.phrase).toBe(`at ${day} ${time}`)
        const at = resolveTime(found?.phrase ?? '', now, ZONE)
        expect(at && local(at)).toBe(`${day} ${time}`)
      }),
      { numRuns: 300 },
    )
  })

  it('leaves text without an hour alone', () => {
    expect(findLeadingTime('Idag är det rea!')).toBeNull()
    expect(findLeadingTime('Hej på dig')).toBeNull()
    expect(findLeadingTime('tomorrow we open')).toBeNull()
  })
})
