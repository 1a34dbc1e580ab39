import { describe, expect, it } from 'vitest'
import { parseLocalTime } from './compose.ts'
import { isThreadCommand } from './thread-reply.ts'

describe('parseLocalTime', () => {
  it('reads wall-clock time in the zone, across summer and winter time', () => {
    expect(parseLocalTime('2026-12-24 09:00', 'Europe/Stockholm')?.toISOString()).toBe(
      '2026-12-24T08:00:00.000Z',
    )
    expect(parseLocalTime('2026-07-01T09:00', 'Europe/Stockholm')?.toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    )
    expect(parseLocalTime('2026-07-01 09:00', 'UTC')?.toISOString()).toBe('2026-07-01T09:00:00.000Z')
  })

  it('refuses anything but the one plain shape', () => {
    for (const input of ['tomorrow 9', '2026-13-01 09:00', '2026-12-24 24:00', '24/12 09:00', ''])
      expect(parseLocalTime(input, 'Europe/Stockholm')).toBeUndefined()
  })
})

describe('isThreadCommand', () => {
  it('is a command only with the bot mentioned first and a known verb', () => {
    expect(isThreadCommand('status 0701234567', true)).toBe(true)
    expect(isThreadCommand('sms balance', true)).toBe(true)
    expect(isThreadCommand('Tack, vi ses!', true)).toBe(false)
    expect(isThreadCommand('status 0701234567', false)).toBe(false)
    expect(isThreadCommand('', true)).toBe(false)
  })
})
