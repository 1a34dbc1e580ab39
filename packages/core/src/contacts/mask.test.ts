/** Masked numbers for the opt-out page. */
import { describe, expect, it } from 'vitest'
import { maskNumber } from './mask.ts'

describe('maskNumber', () => {
  it.each([
    ['+46701234567', '+46 70*** **67'],
    ['+4681234567', '+46 81** **67'],
    ['+4915112345678', '+49 15***** **78'],
    ['+12025550123', '+1 20**** **23'],
  ])('masks %s as %s', (e164, masked) => {
    expect(maskNumber(e164)).toBe(masked)
  })

  it('never shows more than four digits of the national number', () => {
    for (const n of ['+46701234567', '+4915112345678', '+12025550123', '+4681234']) {
      const national = maskNumber(n).split(' ').slice(1).join('')
      expect(national.replace(/\D/g, '').length).toBeLessThanOrEqual(4)
    }
  })
})
