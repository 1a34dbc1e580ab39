import { describe, expect, it } from 'vitest'
import { createDecompounder } from './compound.ts'

describe('createDecompounder', () => {
  const decompounder = createDecompounder(['spärra', 'lista', 'återställning', 'mejl', 'lösenord', 'nummer'])

  it.each([
    ['spärrlistan', ['spärr', 'lista']],
    ['Spärrlistorna', ['spärr', 'lista']],
    ['återställningsmejlet', ['återställning', 'mejl']],
    ['lösenordsmejlet', ['lösenord', 'mejl']],
  ])('splits %s into %j', (word, parts) => {
    expect(decompounder.split(word)).toEqual(parts)
  })

  it.each(['sms', 'lista', 'blomkål', 'avregistrering'])('leaves %s alone', (word) => {
    expect(decompounder.split(word)).toEqual([])
  })
})
