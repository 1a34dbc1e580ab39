import { describe, expect, it } from 'vitest'
import { looksLikeOptOutToken } from '../contacts/opt-out.ts'
import { countSegments } from '../sending/segments.ts'
import { sortableTokens } from './tokens.ts'

describe('sortableTokens', () => {
  it('makes distinct 24-character base64url tokens that sort as text in the order they were made', () => {
    const tokens = sortableTokens(5_000, Date.UTC(2026, 11, 2, 7, 0, 0))
    expect(new Set(tokens).size).toBe(5_000)
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{24}$/)
      expect(looksLikeOptOutToken(t)).toBe(true)
      expect(countSegments(t)).toEqual({ encoding: 'GSM-7', segments: 1, units: 24 })
    }
    expect([...tokens].sort()).toEqual(tokens)
    // A later batch sorts after an earlier one.
    const later = sortableTokens(1, Date.UTC(2026, 11, 2, 7, 0, 1))[0] ?? ''
    expect(later > (tokens.at(-1) ?? '')).toBe(true)
  })

  it('leaves 84 bits to chance: the random part differs between two batches of the same millisecond', () => {
    const a = sortableTokens(100, 1_800_000_000_000)
    const b = sortableTokens(100, 1_800_000_000_000)
    for (let i = 0; i < 100; i++) {
      expect(a[i]?.slice(0, 10)).toBe(b[i]?.slice(0, 10))
      expect(a[i]?.slice(10)).not.toBe(b[i]?.slice(10))
    }
  })
})
