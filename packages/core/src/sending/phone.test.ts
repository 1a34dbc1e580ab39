import fc from 'fast-check'
import { getCountries, getCountryCallingCode, parsePhoneNumberWithError } from 'libphonenumber-js/max'
import mobileExamples from 'libphonenumber-js/mobile/examples'
import { describe, expect, it } from 'vitest'
import { normalizeNumber } from './phone.ts'

const e164 = (input: string, country?: string) => {
  const r = normalizeNumber(input, country)
  if (!r.ok) throw new Error(`${input}: ${r.reason}`)
  return r.e164
}
const reasonFor = (input: string) => {
  const r = normalizeNumber(input)
  if (r.ok) throw new Error(`${input} was accepted as ${r.e164}`)
  return r.reason
}

describe('normalizeNumber', () => {
  it('reads Swedish local and international forms as one E.164 number', () => {
    for (const input of [
      '070-123 45 67',
      '0701234567',
      '+46 70 123 45 67',
      '0046701234567',
      ' +46701234567 ',
    ]) {
      expect(e164(input), input).toBe('+46701234567')
    }
    expect(normalizeNumber('070-123 45 67')).toEqual({ ok: true, e164: '+46701234567', country: 'SE' })
  })

  it('accepts the simulator test numbers (Swedish mobile, outcome in the last three digits)', () => {
    for (const tail of ['201', '202', '406', '410', '500', '503', '511', '516', '599']) {
      expect(e164(`+46701234${tail}`)).toBe(`+46701234${tail}`)
      expect(e164(`070-1234${tail}`)).toBe(`+46701234${tail}`)
    }
  })

  it('reads local forms in another default country, and international forms whatever the default', () => {
    expect(e164('040 123 4567', 'FI')).toBe('+358401234567')
    expect(e164('040 123 4567', 'fi')).toBe('+358401234567')
    expect(e164('+358 40 1234567')).toBe('+358401234567')
    expect(normalizeNumber('+1 415 555 2671')).toMatchObject({ ok: true, country: 'US' })
  })

  it('refuses numbers that cannot receive SMS, saying why', () => {
    expect(reasonFor('08-123 456 78')).toMatch(/landline/)
    expect(reasonFor('+44 20 7946 0000')).toMatch(/landline/)
    expect(reasonFor('0900-123 45 67')).toMatch(/premium-rate/)
    expect(reasonFor('020-123 456')).toMatch(/toll-free|not a valid/)
    expect(reasonFor('0771-123456')).toMatch(/shared-cost/)
  })

  it('refuses junk with a clear reason', () => {
    expect(reasonFor('')).toMatch(/empty/)
    expect(reasonFor('   ')).toMatch(/empty/)
    expect(reasonFor('abc')).toMatch(/not a phone number/)
    expect(reasonFor('+46')).toMatch(/too short|not a/)
    expect(reasonFor('070')).toMatch(/not a valid number/)
    expect(reasonFor('+46 70 123 45 67 89 01')).toMatch(/not a valid|too long|wrong number/)
    expect(reasonFor('1'.repeat(200))).toMatch(/too long/)
    expect(reasonFor('+46701234567;ext=5')).toMatch(/extension/)
  })

  it('refuses an unsupported default country loudly: that is configuration, not input', () => {
    expect(() => normalizeNumber('0701234567', 'XX')).toThrow(TypeError)
  })

  it('never throws, and every accepted number normalises to itself', () => {
    const phoneish = fc.stringMatching(/^(\+|00)?[0-9 ()\-.]{0,20}$/)
    const arbitraryInput = fc.oneof(
      phoneish,
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
    )
    fc.assert(
      fc.property(arbitraryInput, fc.constantFrom('SE', 'FI', 'US', 'GB'), (input, country) => {
        const r = normalizeNumber(input, country)
        if (!r.ok) {
          expect(r.reason).toMatch(/^The number .+\.$/)
          return
        }
        expect(r.e164).toMatch(/^\+[1-9]\d{6,14}$/)
        expect(normalizeNumber(r.e164, country)).toEqual(r)
        expect(normalizeNumber(r.e164, 'SE')).toEqual(r)
      }),
      { numRuns: 500 },
    )
  })

  it('accepts every number in the Swedish 070 mobile range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const digits = String(n).padStart(7, '0')
        expect(normalizeNumber(`070${digits}`)).toEqual({ ok: true, e164: `+4670${digits}`, country: 'SE' })
      }),
    )
  })
})

/** What libphonenumber-js itself says about an E.164 string, the slow way. */
function libraryVerdict(text: string): { e164: string; country: string | null } | null {
  try {
    const parsed = parsePhoneNumberWithError(text)
    const type = parsed.getType()
    if (!parsed.isValid() || !(type === undefined || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE'))
      return null
    return { e164: parsed.number, country: parsed.country ?? null }
  } catch {
    return null
  }
}

describe('normalizeNumber fast path for canonical E.164', () => {
  // Near-valid numbers for every region: its example mobile number with some trailing digits redrawn,
  // sometimes a digit longer or shorter, so valid, invalid and other-type numbers all turn up.
  const regions = getCountries().filter((c) => (mobileExamples as Record<string, string>)[c])
  const nearValid = fc
    .tuple(
      fc.constantFrom(...regions),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: -1, max: 1 }),
      fc.nat(),
    )
    .map(([region, redraw, lengthChange, seed]) => {
      const national = (mobileExamples as Record<string, string>)[region] ?? ''
      let digits = national.slice(0, Math.max(1, national.length - redraw))
      let x = seed
      while (digits.length < national.length + lengthChange) {
        digits += String(x % 10)
        x = Math.floor(x / 10) + 7
      }
      return `+${getCountryCallingCode(region)}${digits}`
    })
  const randomE164 = fc.stringMatching(/^\+[1-9]\d{6,14}$/)

  it('agrees with libphonenumber-js on every E.164 input', () => {
    fc.assert(
      fc.property(fc.oneof(nearValid, randomE164), (text) => {
        const expected = libraryVerdict(text)
        const actual = normalizeNumber(text)
        expect(actual.ok ? { e164: actual.e164, country: actual.country } : null, text).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('normalizeNumber fast path for local forms', () => {
  // Each region's example mobile number written locally ("0" + national, with separators), some digits redrawn
  // or one more or fewer, read with that region as the default: valid, invalid and other types all turn up.
  const regions = getCountries().filter((c) => (mobileExamples as Record<string, string>)[c])
  const local = fc
    .tuple(
      fc.constantFrom(...regions),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: -1, max: 1 }),
      fc.nat(),
      fc.constantFrom('', ' ', '-'),
    )
    .map(([region, redraw, lengthChange, seed, separator]) => {
      const national = (mobileExamples as Record<string, string>)[region] ?? ''
      let digits = national.slice(0, Math.max(1, national.length - redraw))
      let x = seed
      while (digits.length < national.length + lengthChange) {
        digits += String(x % 10)
        x = Math.floor(x / 10) + 7
      }
      const spaced = `0${digits}`.replace(/(\d{3})(?=\d)/g, `$1${separator}`)
      return [spaced, region] as const
    })

  it('agrees with libphonenumber-js on local forms in every region', () => {
    fc.assert(
      fc.property(local, ([text, region]) => {
        let expected: { e164: string; country: string | null } | null = null
        try {
          const parsed = parsePhoneNumberWithError(text, region)
          const type = parsed.getType()
          if (
            parsed.isValid() &&
            (type === undefined || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')
          )
            expected = { e164: parsed.number, country: parsed.country ?? null }
        } catch {}
        const actual = normalizeNumber(text, region)
        expect(
          actual.ok ? { e164: actual.e164, country: actual.country } : null,
          `${text} in ${region}`,
        ).toEqual(expected)
      }),
      { numRuns: 5000 },
    )
  })
})
