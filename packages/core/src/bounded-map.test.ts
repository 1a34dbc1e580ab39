import { describe, expect, it } from 'vitest'
import { boundedMap } from './bounded-map.ts'

describe('boundedMap', () => {
  it('keeps at most maxEntries and at least the latest half, oldest writes forgotten first', () => {
    const m = boundedMap<number>(10)
    for (let i = 0; i < 37; i++) m.set(`k${i}`, i)
    expect(m.size).toBeLessThanOrEqual(10)
    for (let i = 32; i < 37; i++) expect(m.get(`k${i}`)).toBe(i)
    expect(m.has('k0')).toBe(false)
    expect(m.get('k0')).toBeUndefined()
  })

  it('a key written again is the newest, and delete forgets it in either generation', () => {
    const m = boundedMap<string>(4)
    m.set('a', '1')
    m.set('b', '2')
    m.set('c', '3') // a, b move to the older generation
    m.set('a', '4') // a is the newest again
    m.set('d', '5') // the older generation (b) is dropped
    expect(m.get('a')).toBe('4')
    expect(m.has('b')).toBe(false)
    m.delete('c')
    m.delete('a')
    expect(m.has('c')).toBe(false)
    expect(m.has('a')).toBe(false)
    expect(m.get('d')).toBe('5')
  })

  it('keeps a stored undefined apart from a missing key', () => {
    const m = boundedMap<undefined | number>(4)
    m.set('x', undefined)
    expect(m.has('x')).toBe(true)
    expect(m.get('x')).toBeUndefined()
  })
})
