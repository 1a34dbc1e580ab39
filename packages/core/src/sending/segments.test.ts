import fc from 'fast-check'
import { SegmentedMessage } from 'sms-segments-calculator'
import { describe, expect, it } from 'vitest'
import { countSegments, nonGsmCharacters } from './segments.ts'

const oracle = (body: string) => {
  const m = new SegmentedMessage(body)
  // messageSize excludes the concatenation headers: septets × 7 or code units × 16.
  const units = m.encodingName === 'GSM-7' ? m.messageSize / 7 : m.messageSize / 16
  return { encoding: m.encodingName, segments: m.segmentsCount, units }
}

describe('countSegments, hand-picked', () => {
  it('fits 160 GSM-7 septets in one part and splits 161 into two of 153', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 })
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 })
    expect(countSegments('a'.repeat(306)).segments).toBe(2)
    expect(countSegments('a'.repeat(307)).segments).toBe(3)
  })

  it('counts extension characters and form feed as two septets', () => {
    for (const ch of ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f']) {
      expect(countSegments(ch), JSON.stringify(ch)).toEqual({ encoding: 'GSM-7', segments: 1, units: 2 })
    }
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 })
    expect(countSegments(`${'€'.repeat(80)}a`).segments).toBe(2)
  })

  it('never splits an escape sequence at the 153 boundary', () => {
    // 152 septets then a two-septet character: it would straddle, so it moves to part two.
    const straddling = `${'a'.repeat(152)}€${'a'.repeat(152)}`
    expect(countSegments(straddling)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306 })
    // Same septet count without the straddle fits in two.
    expect(countSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`).segments).toBe(2)
  })

  it('keeps Swedish letters in GSM-7 but not letters outside the table', () => {
    expect(countSegments('Hej på dig, Åsa! Öl och äpplen?').encoding).toBe('GSM-7')
    expect(countSegments('Ça va').encoding).toBe('GSM-7')
    expect(countSegments('ça va').encoding).toBe('UCS-2')
    expect(countSegments('`').encoding).toBe('UCS-2')
    expect(nonGsmCharacters('hej ça 😀 ç')).toEqual(['ç', '😀'])
  })

  it('fits 70 UCS-2 units in one part and splits 71 into parts of 67', () => {
    expect(countSegments('ж'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 })
    expect(countSegments('ж'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 })
    expect(countSegments('ж'.repeat(134)).segments).toBe(2)
    expect(countSegments('ж'.repeat(135)).segments).toBe(3)
  })

  it('never splits an emoji (surrogate pair) at the 67 boundary', () => {
    expect(countSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 })
    // 66 units then an emoji: the pair would straddle units 67/68, so part one holds 66.
    const body = `${'ж'.repeat(66)}😀${'ж'.repeat(66)}`
    expect(countSegments(body)).toEqual({ encoding: 'UCS-2', segments: 3, units: 134 })
    expect(countSegments(`${'ж'.repeat(65)}😀${'ж'.repeat(67)}`).segments).toBe(2)
  })

  it('counts an empty body as one empty GSM-7 part, like the oracle', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', segments: 1, units: 0 })
    expect(oracle('')).toEqual({ encoding: 'GSM-7', segments: 1, units: 0 })
  })
})

// Characters that exercise every branch: basic table, extension table, non-GSM BMP, astral (surrogate pairs).
const gsmChar = fc.constantFrom(...'@£$¥èéÇ\nØ\rÅåΔ_ΦΓÆßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà')
const extChar = fc.constantFrom('^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f')
const bmpChar = fc.constantFrom('ж', 'ç', 'ő', '中', '“', '’', '…', '`', 'ą')
const astralChar = fc.constantFrom('😀', '👍', '🎉', '𝄞', '🙂')

// fast-check favours short arrays; the part boundaries sit at 70–480 units, so draw long bodies as often as short.
const longOrShort = (char: fc.Arbitrary<string>, max: number) =>
  fc.oneof(fc.array(char, { maxLength: 20 }), fc.array(char, { minLength: 60, maxLength: max, size: 'max' }))

describe('countSegments against sms-segments-calculator', () => {
  it('agrees on GSM-7 bodies', () => {
    const char = fc.oneof({ weight: 8, arbitrary: gsmChar }, { weight: 2, arbitrary: extChar })
    const body = longOrShort(char, 480)
    fc.assert(
      fc.property(body, (chars) => {
        const text = chars.join('')
        expect(countSegments(text)).toEqual(oracle(text))
      }),
      { numRuns: 500 },
    )
  })

  it('agrees on UCS-2 bodies made of single-code-point characters, emoji included', () => {
    const anyChar = fc.oneof(gsmChar, extChar, bmpChar, astralChar)
    const body = fc.tuple(fc.oneof(bmpChar, astralChar), longOrShort(anyChar, 220), fc.nat())
    fc.assert(
      fc.property(body, ([forcing, rest, at]) => {
        const chars = [...rest]
        chars.splice(at % (chars.length + 1), 0, forcing)
        const text = chars.join('')
        expect(countSegments(text)).toEqual(oracle(text))
      }),
      { numRuns: 500 },
    )
  })

  it('agrees on encoding and units for any string, and never needs more parts than the oracle', () => {
    // The oracle keeps whole grapheme clusters (flags, ZWJ families, combining accents) in one part;
    // we only keep surrogate pairs together, which is what the network requires. So ours is <=.
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const ours = countSegments(text)
        const theirs = oracle(text)
        expect(ours.encoding).toBe(theirs.encoding)
        expect(ours.units).toBe(theirs.units)
        expect(ours.segments).toBeLessThanOrEqual(theirs.segments)
      }),
      { numRuns: 500 },
    )
  })

  it('differs from the oracle only by grapheme clusters: a flag at the boundary', () => {
    // 🇸🇪 is two code points (four units). At 65 units the oracle moves the whole flag; we split between them.
    const text = `${'ж'.repeat(65)}🇸🇪${'ж'.repeat(65)}`
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', segments: 2, units: 134 })
    expect(oracle(text).segments).toBe(3)
  })
})
