/** The history's stored form: what is written reads back the same, with JSON's escaping, and appends in order. */
import { describe, expect, it } from 'vitest'
import {
  appendSteps,
  endedAtSendHistory,
  FUNDED_HISTORY,
  historyCodes,
  parseHistory,
  stepText,
} from './history.ts'

describe('stored history', () => {
  it('leaves out trailing nulls and escapes what JSON must', () => {
    expect(stepText(101, null, null)).toBe('[101]')
    expect(stepText(111, '2026-12-04T21:00:00.000Z', null)).toBe('[111,"2026-12-04T21:00:00.000Z"]')
    const detail = 'sa "ok", \\ ],[ – åäö\n'
    expect(parseHistory(stepText(409, null, detail))).toEqual([[409, null, detail]])
  })

  it('appends steps in order, to an empty history too, and reads their codes', () => {
    const steps = [stepText(110, 'a', null), stepText(111, 'b', 'x')]
    expect(appendSteps('', steps)).toBe('[110,"a"],[111,"b","x"]')
    const history = appendSteps(FUNDED_HISTORY, steps)
    expect(parseHistory(history).map((s) => s[0])).toEqual([101, 102, 103, 110, 111])
    expect(historyCodes(history)).toEqual(new Set([101, 102, 103, 110, 111]))
    expect(appendSteps(history, [])).toBe(history)
    expect(parseHistory('')).toEqual([])
    expect(parseHistory(endedAtSendHistory(402, 'No funds'))).toEqual([[101], [402, null, 'No funds']])
  })
})
