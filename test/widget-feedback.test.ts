/** The widget's public FAQ feedback routes: validated, bounded, rate limited, and never a 5xx. */
import type { FaqFeedbackApi } from '@smsdesk/core'
import { describe, expect, it } from 'vitest'
import { createRateLimiter } from '../packages/server/src/http/rate-limit.ts'
import { widgetFeedbackRoutes } from '../packages/server/src/routes/widget-feedback.ts'

function setup(options: { fail?: boolean; perMinute?: number } = {}) {
  const votes: unknown[][] = []
  const searches: unknown[][] = []
  const warnings: unknown[] = []
  const faqFeedback: FaqFeedbackApi = {
    async recordHelpful(...args) {
      if (options.fail) throw new Error('database down')
      votes.push(args)
      return args[0] === 'nope.sv' ? { recorded: false, reason: 'UnknownArticle' } : { recorded: true }
    },
    async recordSearch(...args) {
      if (options.fail) throw new Error('database down')
      searches.push(args)
      return { recorded: true, miss: true }
    },
    async report() {
      throw new Error('not used')
    },
  }
  const app = widgetFeedbackRoutes({
    desk: { faqFeedback },
    logger: { warn: (...args: unknown[]) => warnings.push(args) } as never,
    limiter: createRateLimiter(options.perMinute ?? 100),
  })
  const post = (path: string, body: unknown) =>
    app.request(`/api/v1/widget/faq/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { app, post, votes, searches, warnings }
}

describe('POST /api/v1/widget/faq/feedback', () => {
  it('counts a vote and answers 204, with CORS for any site', async () => {
    const { post, votes } = setup()
    const response = await post('feedback', { article: 'blocklist.sv', lang: 'sv', helpful: false })
    expect(response.status).toBe(204)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(votes).toEqual([['blocklist.sv', 'sv', false]])
  })

  it('answers the preflight with POST allowed', async () => {
    const { app } = setup()
    const response = await app.request('/api/v1/widget/faq/feedback', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST')
  })

  it.each([
    [{ article: '<b>x</b>', lang: 'sv', helpful: true }, 'body.article'],
    [{ article: 'blocklist.sv', lang: 'de', helpful: true }, 'body.lang'],
    [{ article: 'blocklist.sv', lang: 'sv', helpful: 'yes' }, 'body.helpful'],
    ['not json', 'body'],
    [[1, 2], 'body'],
  ])('refuses %j with 422 and stores nothing', async (body, path) => {
    const { post, votes } = setup()
    const response = await post('feedback', body)
    expect(response.status).toBe(422)
    expect(((await response.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe(
      path,
    )
    expect(votes).toEqual([])
  })

  it('refuses an oversized body with 413', async () => {
    const { post, votes } = setup()
    const response = await post('feedback', {
      article: 'blocklist.sv',
      lang: 'sv',
      helpful: true,
      x: 'x'.repeat(2000),
    })
    expect(response.status).toBe(413)
    expect(votes).toEqual([])
  })

  it('answers 404 for an unknown article', async () => {
    const { post } = setup()
    expect((await post('feedback', { article: 'nope.sv', lang: 'sv', helpful: true })).status).toBe(404)
  })

  it('rate limits per address with 429 and Retry-After', async () => {
    const { post } = setup({ perMinute: 2 })
    const body = { article: 'blocklist.sv', lang: 'sv', helpful: true }
    expect((await post('feedback', body)).status).toBe(204)
    expect((await post('feedback', body)).status).toBe(204)
    const limited = await post('feedback', body)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  it('logs a store fault and still answers 204, never a 5xx', async () => {
    const { post, warnings } = setup({ fail: true })
    expect((await post('feedback', { article: 'blocklist.sv', lang: 'sv', helpful: true })).status).toBe(204)
    expect((await post('miss', { query: 'faktura', lang: 'sv' })).status).toBe(204)
    expect(warnings).toHaveLength(2)
  })
})

describe('POST /api/v1/widget/faq/miss', () => {
  it('searches again on the server and hands its own best score to the count', async () => {
    const { post, searches } = setup()
    expect((await post('miss', { query: 'faktura', lang: 'sv' })).status).toBe(204)
    expect((await post('miss', { query: 'glömt lösenord', lang: 'sv' })).status).toBe(204)
    expect(searches[0]).toEqual(['faktura', 'sv', 0])
    expect(searches[1]?.[2]).toBeGreaterThan(8)
  })

  it.each([[{ query: '', lang: 'sv' }], [{ query: 'x'.repeat(201), lang: 'sv' }], [{ query: 'faktura' }]])(
    'refuses %j with 422',
    async (body) => {
      const { post, searches } = setup()
      expect((await post('miss', body)).status).toBe(422)
      expect(searches).toEqual([])
    },
  )
})
