/** FAQ feedback end to end: the widget's votes and misses reach `GET /api/v1/operator/faq-report`, for both roles. */
import { testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type OperatorHarness, startOperatorHarness } from './operator-harness.ts'

for (const dialect of testDialects()) {
  describe(`FAQ report on ${dialect}`, () => {
    let h: OperatorHarness
    beforeEach(async () => {
      h = await startOperatorHarness(dialect)
    })
    afterEach(async () => {
      await h.close()
    })

    it('counts the widget’s misses and votes, and shows them to operators and support', async () => {
      const vote = (article: string, helpful: boolean) =>
        h.call('POST', '/api/v1/widget/faq/feedback', { key: null, body: { article, lang: 'sv', helpful } })
      expect((await vote('blocklist.sv', false)).status).toBe(204)
      expect((await vote('blocklist.sv', false)).status).toBe(204)
      expect((await vote('forgot-password.sv', true)).status).toBe(204)
      const miss = (query: string) =>
        h.call('POST', '/api/v1/widget/faq/miss', { key: null, body: { query, lang: 'sv' } })
      expect((await miss('Faktura 4711')).status).toBe(204)
      expect((await miss('faktura 12')).status).toBe(204)
      expect((await miss('glömt lösenord')).status).toBe(204)

      for (const key of [h.operatorKey, h.supportKey]) {
        const report = await h.call('GET', '/api/v1/operator/faq-report', { key })
        expect(report.status).toBe(200)
        expect(report.body.topMisses).toEqual([{ query: 'faktura #', lang: 'sv', count: 2 }])
        expect(report.body.leastHelpful).toEqual([
          { articleId: 'blocklist.sv', lang: 'sv', helpful: 0, unhelpful: 2 },
        ])
      }
      expect((await h.call('GET', '/api/v1/operator/faq-report', { key: h.keys.admin })).status).toBe(401)
      expect(
        (await h.call('GET', '/api/v1/operator/faq-report?since=yesterday', { key: h.operatorKey })).status,
      ).toBe(422)
    })
  })
}
