/**
 * The widget's public FAQ feedback (mounted at `/`): "Did this help?" votes and searches that found no good
 * answer. Public and cross-origin, so bounded, validated and rate limited per address; a fault in counting is
 * logged and answered 204 all the same, never a 5xx: a lost vote is not worth an error in a customer's page.
 */
import type { Desk } from '@smsdesk/core'
import { isFaqLang, MAX_QUERY_LENGTH, searchFaq } from '@smsdesk/core/faq'
import { type Context, Hono } from 'hono'
import { cors } from 'hono/cors'
import type { Logger } from 'pino'
import { rateLimitKey } from '../http/client-address.ts'
import { errorJson } from '../http/errors.ts'
import { createRateLimiter, type RateLimiter } from '../http/rate-limit.ts'

/** Largest body accepted: a vote or a query is a few dozen bytes. */
export const MAX_FEEDBACK_BODY_BYTES = 1024
const ARTICLE_ID = /^[a-z0-9-]{1,80}\.(sv|en)$/
const PER_MINUTE = 30

export interface WidgetFeedbackDeps {
  desk: Pick<Desk, 'faqFeedback'>
  logger: Pick<Logger, 'warn'>
  /** Per caller address; default 30 a minute. */
  limiter?: RateLimiter
}

const invalid = (c: Context, path: string, message: string) =>
  errorJson(c, 422, { code: 'InvalidRequest', message: `${path}: ${message}`, issues: [{ path, message }] })

/** The JSON object of the body, or a response saying why not (size first, then shape). */
async function readBody(c: Context): Promise<Record<string, unknown> | Response> {
  const length = Number(c.req.header('content-length') ?? 0)
  if (length > MAX_FEEDBACK_BODY_BYTES) return tooLarge(c)
  const text = await c.req.text()
  if (text.length > MAX_FEEDBACK_BODY_BYTES) return tooLarge(c)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return invalid(c, 'body', 'must be a JSON object')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalid(c, 'body', 'must be a JSON object')
  return body as Record<string, unknown>
}

const tooLarge = (c: Context) =>
  errorJson(c, 413, {
    code: 'PayloadTooLarge',
    message: `The request body is larger than ${MAX_FEEDBACK_BODY_BYTES} bytes.`,
  })

/** `POST /api/v1/widget/faq/feedback` and `POST /api/v1/widget/faq/miss`. */
export function widgetFeedbackRoutes(deps: WidgetFeedbackDeps): Hono {
  const limiter = deps.limiter ?? createRateLimiter(PER_MINUTE)
  const app = new Hono()
  app.use(
    '/api/v1/widget/faq/*',
    cors({ origin: '*', allowMethods: ['POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 86_400 }),
  )
  app.use('/api/v1/widget/faq/*', async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const decision = limiter.take(rateLimitKey(c))
    if (!decision.allowed) {
      return errorJson(
        c,
        429,
        { code: 'RateLimited', message: 'Too many requests from this address; try again later.' },
        { 'Retry-After': String(decision.retryAfterSeconds) },
      )
    }
    return next()
  })

  /** Runs the count; a store fault is logged, not answered. */
  const count = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run()
    } catch (err) {
      deps.logger.warn({ err }, `widget FAQ ${what} could not be counted`)
    }
  }

  app.post('/api/v1/widget/faq/feedback', async (c) => {
    const body = await readBody(c)
    if (body instanceof Response) return body
    const { article, lang, helpful } = body
    if (typeof article !== 'string' || !ARTICLE_ID.test(article))
      return invalid(c, 'body.article', 'must be an article id such as blocklist.sv')
    if (!isFaqLang(lang)) return invalid(c, 'body.lang', 'must be sv or en')
    if (typeof helpful !== 'boolean') return invalid(c, 'body.helpful', 'must be true or false')
    let unknown = false
    await count('vote', async () => {
      unknown = !(await deps.desk.faqFeedback.recordHelpful(article, lang, helpful)).recorded
    })
    if (unknown) return errorJson(c, 404, { code: 'NotFound', message: `No FAQ article "${article}".` })
    return c.body(null, 204)
  })

  app.post('/api/v1/widget/faq/miss', async (c) => {
    const body = await readBody(c)
    if (body instanceof Response) return body
    const { query, lang } = body
    if (typeof query !== 'string' || query.trim() === '' || query.length > MAX_QUERY_LENGTH)
      return invalid(c, 'body.query', `must be the search text, 1 to ${MAX_QUERY_LENGTH} characters`)
    if (!isFaqLang(lang)) return invalid(c, 'body.lang', 'must be sv or en')
    // The score is ours to compute: a caller cannot mark a well-answered query as a miss.
    const best = searchFaq(query, { lang, limit: 1 })[0]?.score ?? 0
    await count('miss', () => deps.desk.faqFeedback.recordSearch(query, lang, best))
    return c.body(null, 204)
  })

  return app
}
