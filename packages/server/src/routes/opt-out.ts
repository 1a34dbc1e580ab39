/** `GET /u/:token` shows what the opt-out link will do; only `POST /u/:token` (the button) blocks the number. */
import type { Desk } from '@smsdesk/core'
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../http/env.ts'
import { confirmPage, donePage, OPT_OUT_CSP, unknownLinkPage } from '../pages/opt-out.ts'

function html(c: Context<AppEnv>, body: string, status: 200 | 404 = 200): Response {
  c.header('Content-Security-Policy', OPT_OUT_CSP)
  // The token is in the URL: never leak it onward, never keep the page.
  c.header('Referrer-Policy', 'no-referrer')
  c.header('Cache-Control', 'no-store')
  c.header('X-Content-Type-Options', 'nosniff')
  return c.html(body, status)
}

export function optOutRoutes(desk: Desk) {
  const app = new Hono<AppEnv>()

  app.get('/u/:token', async (c) => {
    const subject = await desk.optOut.describe(c.req.param('token'))
    if (!subject) return html(c, unknownLinkPage(), 404)
    return html(c, subject.used ? donePage(subject, true) : confirmPage(subject))
  })

  app.post('/u/:token', async (c) => {
    const token = c.req.param('token')
    const subject = await desk.optOut.describe(token)
    if (!subject) return html(c, unknownLinkPage(), 404)
    const used = await desk.optOut.use(token)
    if (!used) return html(c, unknownLinkPage(), 404)
    return html(c, donePage(subject, used.alreadyUsed))
  })

  return app
}
