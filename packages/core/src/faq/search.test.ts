import { describe, expect, it } from 'vitest'
import { searchFaq } from './index.ts'
import type { FaqLang } from './types.ts'

// Each query must bring this article up first. Typos are deliberate.
const RANKING: [query: string, lang: FaqLang, expectedId: string][] = [
  ['glömt lösenord', 'sv', 'forgot-password.sv'],
  ['jag har glömt mitt lösnord', 'sv', 'forgot-password.sv'],
  ['återställa lösenordet', 'sv', 'forgot-password.sv'],
  ['forgot password', 'en', 'forgot-password.en'],
  ['reset pasword', 'en', 'forgot-password.en'],
  ['fyll på saldo', 'sv', 'top-up-balance.sv'],
  ['snabbpåfyllning', 'sv', 'top-up-balance.sv'],
  ['köpa sms saldo webshop', 'sv', 'top-up-balance.sv'],
  ['top up', 'en', 'top-up-balance.en'],
  ['top up balanse', 'en', 'top-up-balance.en'],
  ['avregistrering', 'sv', 'opt-out.sv'],
  ['avregistreringslänk kostnad', 'sv', 'opt-out.sv'],
  ['unsubscribe', 'en', 'opt-out.en'],
  ['opt-out price', 'en', 'opt-out.en'],
  ['aktivera stopp-tjänsten', 'sv', 'activate-opt-out.sv'],
  ['enable opt-out setting', 'en', 'activate-opt-out.en'],
  ['kontakta supporten', 'sv', 'contact-support.sv'],
  ['zoom teams möte', 'sv', 'contact-support.sv'],
  ['contact suport', 'en', 'contact-support.en'],
  ['internet explorer', 'sv', 'browser-support.sv'],
  ['which browser', 'en', 'browser-support.en'],
  ['lägg till ny användare', 'sv', 'add-user.sv'],
  ['add a new user', 'en', 'add-user.en'],
  ['access level admin', 'en', 'add-user.en'],
  ['vad betyder statuskoderna', 'sv', 'status-codes.sv'],
  ['what do status codes mean', 'en', 'status-codes.en'],
  ['alla statuskoder lista', 'sv', 'status-code-list.sv'],
  ['DeliveredToHandset', 'en', 'status-code-list.en'],
  ['gamla web sms skickad', 'sv', 'legacy-statuses.sv'],
  ['leveransrapport dröjer', 'sv', 'delivery-report-delay.sv'],
  ['delivery report 72 hours', 'en', 'delivery-report-delay.en'],
  ['sms kom inte fram', 'sv', 'sms-not-delivered.sv'],
  ['message did not arrive', 'en', 'sms-not-delivered.en'],
  ['spara kontakter', 'sv', 'save-contacts-keyword.sv'],
  ['save contacts keyword', 'en', 'save-contacts-keyword.en'],
  ['dkim spf', 'sv', 'email-copy-dkim-spf.sv'],
  ['email copy own domain', 'en', 'email-copy-dkim-spf.en'],
  ['blockeringslista', 'sv', 'blocklist.sv'],
  ['block a numbr', 'en', 'blocklist.en'],
  ['skicka till usa', 'sv', 'north-america.sv'],
  ['north amerika', 'en', 'north-america.en'],
  ['nya web sms migrera', 'sv', 'new-web-sms.sv'],
  ['move to new web sms', 'en', 'new-web-sms.en'],
]

describe('searchFaq ranking', () => {
  it.each(RANKING)('"%s" (%s) → %s first', (query, lang, expectedId) => {
    const first = searchFaq(query, { lang }).find((result) => result.kind === 'article')
    expect(first?.id).toBe(expectedId)
  })

  it('covers both languages with at least 30 queries', () => {
    expect(RANKING.length).toBeGreaterThanOrEqual(30)
    expect(new Set(RANKING.map(([, lang]) => lang))).toEqual(new Set(['sv', 'en']))
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
