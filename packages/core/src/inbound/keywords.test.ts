/** The keyword parser: the whole message, any case, trailing punctuation tolerated; never throws. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseKeyword } from './keywords.ts'

describe('parseKeyword', () => {
  it.each([
    ['STOP', 'STOP'],
    ['stop', 'STOP'],
    ['Stop.', 'STOP'],
    ['  sToPp!  ', 'STOPP'],
    ['Avsluta', 'AVSLUTA'],
    ['AVSLUTA…', 'AVSLUTA'],
    ['STOP\n', 'STOP'],
  ])('reads %j as an opt-out (%s)', (body, word) => {
    expect(parseKeyword(body)).toEqual({ keyword: 'STOP', word })
  })

  it.each(['START', 'start', ' Start! '])('reads %j as START', (body) => {
    expect(parseKeyword(body)).toEqual({ keyword: 'START' })
  })

  it.each([
    'stop sending me this',
    'Please stop',
    'STOPPA',
    'STO P',
    'st0p',
    '"STOP"',
    'started',
    'Spara',
    'Spara.',
    '',
    '   ',
    'Hej, tack för infon!',
  ])('leaves %j as ordinary text', (body) => {
    expect(parseKeyword(body)).toBeNull()
  })

  it('reads Spara with one, two, three and more words', () => {
    expect(parseKeyword('Spara Anna')).toEqual({
      keyword: 'SPARA',
      firstName: 'Anna',
      lastName: null,
      group: null,
    })
    expect(parseKeyword('spara Anna Svensson')).toEqual({
      keyword: 'SPARA',
      firstName: 'Anna',
      lastName: 'Svensson',
      group: null,
    })
    expect(parseKeyword('SPARA Niklas Niklasson kunder')).toEqual({
      keyword: 'SPARA',
      firstName: 'Niklas',
      lastName: 'Niklasson',
      group: 'kunder',
    })
    expect(parseKeyword('Spara  Anna Maria   Svensson Kunder.')).toEqual({
      keyword: 'SPARA',
      firstName: 'Anna',
      lastName: 'Maria Svensson',
      group: 'Kunder',
    })
  })

  it('keeps non-ASCII names as written', () => {
    expect(parseKeyword('Spara Åsa Öberg Förening')).toEqual({
      keyword: 'SPARA',
      firstName: 'Åsa',
      lastName: 'Öberg',
      group: 'Förening',
    })
  })

  it('treats a name too long to store as ordinary text', () => {
    expect(parseKeyword(`Spara ${'A'.repeat(101)}`)).toBeNull()
    expect(parseKeyword(`Spara Anna Svensson ${'g'.repeat(65)}`)).toBeNull()
  })

  it('never throws, and answers a keyword or null, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        (body) => {
          const parsed = parseKeyword(body)
          expect(parsed === null || ['STOP', 'START', 'SPARA'].includes(parsed.keyword)).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('finds STOP/START only when the message is that one word, whatever the case and padding', () => {
    const word = fc.constantFrom('stop', 'stopp', 'avsluta', 'start')
    const casing = fc.array(fc.boolean(), { minLength: 7, maxLength: 7 })
    const pad = fc.constantFrom('', ' ', '\t', '\n ', '  ')
    const punct = fc.constantFrom('', '.', '!', '?!', ' .')
    fc.assert(
      fc.property(word, casing, pad, pad, punct, (w, caps, before, after, p) => {
        const cased = [...w].map((c, i) => (caps[i] ? c.toUpperCase() : c)).join('')
        const parsed = parseKeyword(`${before}${cased}${p}${after}`)
        expect(parsed?.keyword).toBe(w === 'start' ? 'START' : 'STOP')
      }),
    )
  })

  it('never reads a message with other words around the keyword as STOP or START', () => {
    const other = fc.stringMatching(/^[a-zåäö]{1,8}$/)
    fc.assert(
      fc.property(fc.constantFrom('STOP', 'START', 'stopp'), other, fc.boolean(), (keyword, word, before) => {
        const body = before ? `${word} ${keyword}` : `${keyword} ${word}`
        const parsed = parseKeyword(body)
        expect(parsed === null || parsed.keyword === 'SPARA').toBe(true)
      }),
    )
  })

  it('rejects non-strings quietly', () => {
    expect(parseKeyword(undefined)).toBeNull()
    expect(parseKeyword(42)).toBeNull()
  })
})
