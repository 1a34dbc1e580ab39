/** `GET /help/:lang/:id`: each help article as an accessible page, from the same Markdown as the widget and chat. */
import { type FaqLang, getFaqArticle, isFaqLang } from '@smsdesk/core/faq'
import { type Context, Hono } from 'hono'
import { HELP_CSP, helpNotFoundPage, helpPage } from '../pages/help.ts'

const TOPIC = /^[a-z0-9-]{1,80}$/

function html(c: Context, body: string, status: 200 | 404): Response {
  c.header('Content-Security-Policy', HELP_CSP)
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin')
  c.header('Cache-Control', status === 200 ? 'public, max-age=300' : 'no-store')
  return c.html(body, status)
}

export function helpRoutes(): Hono {
  const app = new Hono()
  app.get('/help/:lang/:id', (c) => {
    const rawLang = c.req.param('lang')
    const lang: FaqLang = isFaqLang(rawLang) ? rawLang : 'sv'
    const id = c.req.param('id')
    const article = isFaqLang(rawLang) && TOPIC.test(id) ? getFaqArticle(`${id}.${lang}`, lang) : null
    return article ? html(c, helpPage(article), 200) : html(c, helpNotFoundPage(lang), 404)
  })
  return app
}
