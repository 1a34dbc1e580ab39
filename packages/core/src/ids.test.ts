import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { newId } from './ids.ts'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
/** The encoding written the long way, with BigInt, as the reference. */
const reference = (n: number, length: number) => BigInt(n).toString(32).padStart(length, '0')
const toOurs = (digits: string) => [...digits].map((d) => ALPHABET[Number.parseInt(d, 32)]).join('')

describe('newId', () => {
  it('is the prefix, 9 digits of time, 2 of sequence and 5 random ones, in a chat-safe alphabet', () => {
    expect(newId('msg', Date.UTC(2026, 11, 1))).toMatch(/^msg_[0-9a-hjkmnp-tv-z]{16}$/)
  })

  it('encodes the time as base-32 digits, as the BigInt reference does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32 ** 9 - 1 }), (ms) => {
        expect(newId('x', ms).slice(2, 11)).toBe(toOurs(reference(ms, 9)))
      }),
    )
  })

  it('sorts in creation order, also within one millisecond, and repeats no id', () => {
    const ids: string[] = []
    let ms = Date.UTC(2026, 11, 1)
    for (let i = 0; i < 5_000; i++) {
      if (i % 700 === 0) ms += 1
      ids.push(newId('msg', ms))
    }
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('spreads the random part over the whole alphabet', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2_000; i++) for (const c of newId('x', 1).slice(-5)) seen.add(c)
    expect(seen.size).toBe(32)
  })
})
