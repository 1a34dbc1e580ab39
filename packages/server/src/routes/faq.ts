/** Public FAQ endpoints (mounted at `/api/v1/faq`): search with status answers, and articles as safe HTML. */
import {
  FAQ_LANGS,
  type FaqLang,
  getFaqArticle,
  isFaqLang,
  listFaqArticles,
  MAX_QUERY_LENGTH,
  searchFaq,
} from '@smsdesk/core/faq'
import { type Context, Hono } from 'hono'
import { cors } from 'hono/cors'

const MAX_LIMIT = 50
const ARTICLE_ID = /^[a-z0-9-]{1,80}(\.(sv|en))?$/

/** Answers a bad parameter with 422 and the same error body as the rest of the API. */
function invalid(c: Context, path: string, message: string): Response {
  return c.json(
    { error: { code: 'InvalidRequest', message: `${path}: ${message}`, issues: [{ path, message }] } },
    422,
  )
}

/** `lang` from the query string: absent means Swedish, anything but sv/en is an error. */
function readLang(c: Context): FaqLang | Response {
  const lang = c.req.query('lang')
  if (lang === undefined || lang === '') return 'sv'
  return isFaqLang(lang) ? lang : invalid(c, 'query.lang', `must be one of ${FAQ_LANGS.join(', ')}`)
}

/** The FAQ routes. Read-only and public, so any origin may call them (the widget runs on customers' sites). */
export function faqRoutes(): Hono {
  const app = new Hono()
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86_400 }))

  app.get('/search', (c) => {
    const lang = readLang(c)
    if (lang instanceof Response) return lang
    const q = c.req.query('q')
    if (q === undefined || q.trim() === '')
      return invalid(c, 'query.q', 'is required: the text to search for')
    if (q.length > MAX_QUERY_LENGTH)
      return invalid(c, 'query.q', `must be at most ${MAX_QUERY_LENGTH} characters`)
    const rawLimit = c.req.query('limit')
    const limit = rawLimit === undefined ? 8 : Number(rawLimit)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return invalid(c, 'query.limit', `must be a whole number from 1 to ${MAX_LIMIT}`)
    }
    c.header('Cache-Control', 'public, max-age=300')
    return c.json({ query: q, lang, results: searchFaq(q, { lang, limit }) })
  })

  app.get('/articles', (c) => {
    const lang = readLang(c)
    if (lang instanceof Response) return lang
    c.header('Cache-Control', 'public, max-age=300')
    return c.json({ lang, articles: listFaqArticles(lang) })
  })

  app.get('/articles/:id', (c) => {
    const lang = readLang(c)
    if (lang instanceof Response) return lang
    const id = c.req.param('id')
    const article = ARTICLE_ID.test(id) ? getFaqArticle(id, lang) : null
    if (!article) {
      return c.json(
        { error: { code: 'NotFound', message: `No FAQ article with id "${id.slice(0, 80)}".` } },
        404,
      )
    }
    c.header('Cache-Control', 'public, max-age=300')
    return c.json(article)
  })

  return app
}
