import { describe, expect, it } from 'vitest'
import { createTokenSeal } from './token-seal.ts'

const KEY = 'a-token-key-of-at-least-32-characters!'

describe('token seal', () => {
  it('opens what it sealed, for the same installation only', () => {
    const seal = createTokenSeal(KEY)
    const sealed = seal.seal('xoxb-1-secret', 'T:T1')
    expect(sealed).not.toContain('xoxb')
    expect(sealed).not.toBe(seal.seal('xoxb-1-secret', 'T:T1'))
    expect(seal.open(sealed, 'T:T1')).toBe('xoxb-1-secret')
    expect(() => seal.open(sealed, 'T:T2')).toThrow()
    expect(() => createTokenSeal(`${KEY}-other`).open(sealed, 'T:T1')).toThrow()
    const [v, iv, tag, body] = sealed.split('.')
    expect(() =>
      seal.open([v, iv, tag, `${body?.startsWith('A') ? 'B' : 'A'}${body?.slice(1)}`].join('.'), 'T:T1'),
    ).toThrow()
  })

  it('refuses a short key', () => {
    expect(() => createTokenSeal('too-short')).toThrow(/32/)
  })
})
