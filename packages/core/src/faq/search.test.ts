import { describe, expect, it } from 'vitest'
import { searchFaq } from './index.ts'
import { FAQ_RANKING as RANKING } from './ranking-table.ts'

describe('searchFaq ranking', () => {
  it.each(RANKING)('"%s" (%s) → %s first', (query, lang, expectedId) => {
    const first = searchFaq(query, { lang }).find((result) => result.kind === 'article')
    expect(first?.id).toBe(expectedId)
  })

  it('has at least 80 queries in both languages, and precision@1 of at least 0.9', () => {
    expect(RANKING.length).toBeGreaterThanOrEqual(80)
    expect(new Set(RANKING.map(([, lang]) => lang))).toEqual(new Set(['sv', 'en']))
    const right = RANKING.filter(
      ([query, lang, expectedId]) =>
        searchFaq(query, { lang }).find((result) => result.kind === 'article')?.id === expectedId,
    )
    expect(right.length / RANKING.length).toBeGreaterThanOrEqual(0.9)
  })

  it.each([
    ['amerikanska nummer', 'north-america.sv'],
    ['+1-nummer', 'north-america.sv'],
    ['spärrlistan', 'blocklist.sv'],
    ['mejlet för återställning kom aldrig', 'forgot-password.sv'],
    ['sluta få sms', 'opt-out.sv'],
  ])('answers the known miss "%s" with %s, first of all results', (query, expectedId) => {
    const [first] = searchFaq(query, { lang: 'sv' })
    expect(first).toMatchObject({ kind: 'article', id: expectedId })
  })
})

describe('searchFaq status answers', () => {
  it.each([
    ['404', 'sv', 404, 'ContentRejected'],
    ['ContentRejected', 'en', 404, 'ContentRejected'],
    ['contentrejected', 'sv', 404, 'ContentRejected'],
    ['statuskod 201?', 'sv', 201, 'DeliveredToHandset'],
    ['what does 503 mean', 'en', 503, 'SubscriberOffline'],
    ['levererad', 'sv', 201, 'DeliveredToHandset'],
    ['Skickad', 'en', 111, 'DeliveredToGateway'],
  ] as const)('"%s" (%s) answers status %i first', (query, lang, code, name) => {
    const [first] = searchFaq(query, { lang })
    expect(first).toMatchObject({ kind: 'status', code, name })
  })

  it('explains the status in the language asked for, with meaning and action', () => {
    const [sv] = searchFaq('404', { lang: 'sv' })
    const [en] = searchFaq('404', { lang: 'en' })
    if (sv?.kind !== 'status' || en?.kind !== 'status') throw new Error('expected status answers')
    expect(sv.group).toBe('Rejection')
    expect(sv.meaning).not.toBe(en.meaning)
    expect(en.action.length).toBeGreaterThan(0)
  })

  it('names the old Web SMS status it matched', () => {
    const [first] = searchFaq('levererad', { lang: 'sv' })
    expect(first).toMatchObject({ kind: 'status', legacyName: 'Levererad' })
    expect(searchFaq('levererad', { lang: 'sv' })[1]).toMatchObject({ id: 'legacy-statuses.sv' })
  })

  it('explains a code outside the catalogue by its first digit and points to the status article', () => {
    const results = searchFaq('418', { lang: 'en' })
    expect(results[0]).toMatchObject({ kind: 'status', code: 418, group: 'Rejection' })
    expect(results[1]).toMatchObject({ kind: 'article', id: 'status-codes.en' })
  })

  it('does not turn a sentence that merely contains a status name into a status answer', () => {
    expect(searchFaq('sending to north america', { lang: 'en' })[0]).toMatchObject({
      kind: 'article',
      id: 'north-america.en',
    })
  })
})

describe('searchFaq behaviour', () => {
  it('returns nothing for an empty query and respects the limit', () => {
    expect(searchFaq('   ', { lang: 'sv' })).toEqual([])
    expect(searchFaq('sms', { lang: 'sv', limit: 2 })).toHaveLength(2)
  })

  it('answers from the other language when the asked one has no match', () => {
    const [first] = searchFaq('unsubscribe', { lang: 'sv' })
    expect(first).toMatchObject({ kind: 'article', id: 'opt-out.en', lang: 'en' })
  })

  it('gives a snippet from the article text around the match', () => {
    const [first] = searchFaq('72 timmar', { lang: 'sv' })
    if (first?.kind !== 'article') throw new Error('expected an article')
    expect(first.snippet).toContain('72')
    expect(first.snippet.length).toBeLessThanOrEqual(170)
  })

  it('survives a very long query', () => {
    expect(() => searchFaq('lösenord '.repeat(500), { lang: 'sv' })).not.toThrow()
  })
})
