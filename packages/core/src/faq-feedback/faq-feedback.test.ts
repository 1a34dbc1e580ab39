/** FAQ feedback on every dialect: misses and votes counted per day, reported for the week, nothing personal kept. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { createFaqFeedbackApi, type FaqFeedbackApi } from './api.ts'
import { normaliseFaqQuery } from './normalise.ts'

const DAY = 24 * 60 * 60 * 1000

describe('normaliseFaqQuery', () => {
  it.each([
    ['  Spärrlistan?  ', 'spärrlistan'],
    ['mitt nummer är +46 70-123 45 67', 'mitt nummer är [phone]'],
    ['skicka till 0701234567 nu', 'skicka till [phone] nu'],
    ['mejla anna.svensson@example.se', 'mejla [email]'],
    ['kundnummer 4711 faktura', 'kundnummer # faktura'],
    ['se https://example.se/x?id=9', 'se [link]'],
    ['Kom   INTE\nfram', 'kom inte fram'],
  ])('%j → %j', (query, expected) => {
    expect(normaliseFaqQuery(query)).toBe(expected)
  })

  it('bounds the key', () => {
    expect(normaliseFaqQuery('ord '.repeat(200)).length).toBeLessThanOrEqual(100)
  })
})

describe.each(testDialects())('desk.faqFeedback on %s', (dialect) => {
  let t: TestDatabase
  let clock: ManualClock
  let feedback: FaqFeedbackApi

  beforeAll(async () => {
    t = await openTestDatabase(dialect)
    clock = manualClock('2026-12-06T09:00:00.000Z')
    feedback = createFaqFeedbackApi(testContext(t, clock))
  })
  afterAll(async () => {
    await t?.close()
  })

  it('counts only searches without a good hit, under their normalised query', async () => {
    expect(await feedback.recordSearch('Faktura 4711?', 'sv', 0)).toEqual({ recorded: true, miss: true })
    expect(await feedback.recordSearch('faktura 9', 'sv', 2.5)).toEqual({ recorded: true, miss: true })
    expect(await feedback.recordSearch('glömt lösenord', 'sv', 40)).toEqual({ recorded: true, miss: false })
    expect(await feedback.recordSearch('invoice', 'en', Number.NaN)).toEqual({ recorded: true, miss: true })
    expect(await feedback.recordSearch('  ?? ', 'sv', 0)).toEqual({ recorded: false, reason: 'EmptyQuery' })
    const report = await feedback.report()
    expect(report.topMisses).toEqual([
      { query: 'faktura #', lang: 'sv', count: 2 },
      { query: 'invoice', lang: 'en', count: 1 },
    ])
    const stored = await t.db.selectFrom('faq_feedback_counts').selectAll().execute()
    expect(JSON.stringify(stored)).not.toMatch(/4711/)
  })

  it('counts votes per article and lists the least helpful first', async () => {
    await feedback.recordHelpful('blocklist.sv', 'sv', false)
    await feedback.recordHelpful('blocklist', 'sv', false)
    await feedback.recordHelpful('blocklist.sv', 'sv', true)
    await feedback.recordHelpful('opt-out.en', 'en', false)
    await feedback.recordHelpful('forgot-password.sv', 'sv', true)
    expect(await feedback.recordHelpful('no-such-article', 'sv', false)).toEqual({
      recorded: false,
      reason: 'UnknownArticle',
    })
    const { leastHelpful } = await feedback.report()
    expect(leastHelpful).toEqual([
      { articleId: 'blocklist.sv', lang: 'sv', helpful: 1, unhelpful: 2 },
      { articleId: 'opt-out.en', lang: 'en', helpful: 0, unhelpful: 1 },
    ])
  })

  it('reports the last seven days by default, and from `since` when given', async () => {
    clock.advance(8 * DAY)
    await feedback.recordSearch('faktura', 'sv', 0)
    const week = await feedback.report()
    expect(week.since.toISOString()).toBe('2026-12-07T00:00:00.000Z')
    expect(week.topMisses).toEqual([{ query: 'faktura', lang: 'sv', count: 1 }])
    expect(week.leastHelpful).toEqual([])
    const all = await feedback.report({ since: new Date('2026-12-01T00:00:00.000Z') })
    expect(all.topMisses.map((miss) => miss.query)).toEqual(['faktura #', 'faktura', 'invoice'])
  })
})
