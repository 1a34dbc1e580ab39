/** `/api/v1/opt-out-settings`: which opt-out the account's messages carry, in which words, and when it is required. */
import { createRoute } from '@hono/zod-openapi'
import type { OptOutSettingsUpdate } from '@smsdesk/core'
import { newRouter, type RouteDeps } from '../http/router.ts'
import { bearer, json, jsonBody, securedErrors } from '../schemas/common.ts'
import { OptOutSettingsSchema, OptOutSettingsUpdateSchema, optOutSettingsJson } from '../schemas/opt-out.ts'

export function optOutSettingsRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()

  const get = createRoute({
    method: 'get',
    path: '/opt-out-settings',
    tags: ['Opt-out'],
    summary: 'The account’s opt-out settings and which add-ons are on',
    security: bearer,
    middleware: [authorize('read')] as const,
    responses: { 200: json(OptOutSettingsSchema, 'The settings'), ...securedErrors },
  })
  app.openapi(get, async (c) =>
    c.json(optOutSettingsJson(await desk.optOut.settings(c.get('principal').accountId)), 200),
  )

  const put = createRoute({
    method: 'put',
    path: '/opt-out-settings',
    tags: ['Opt-out'],
    summary: 'Change the opt-out settings (admin); fields left out stay as they are',
    description:
      'Mode `link` needs the link service on, `reply` the STOP-reply service and a virtual number; otherwise 422.',
    security: bearer,
    middleware: [authorize('manage_settings')] as const,
    request: { body: jsonBody(OptOutSettingsUpdateSchema) },
    responses: { 200: json(OptOutSettingsSchema, 'The settings now'), ...securedErrors },
  })
  app.openapi(put, async (c) => {
    const body = c.req.valid('json')
    const update: OptOutSettingsUpdate = {
      ...(body.mode !== undefined ? { mode: body.mode } : {}),
      ...(body.lang !== undefined ? { lang: body.lang } : {}),
      ...(body.linkText !== undefined ? { linkText: texts(body.linkText) } : {}),
      ...(body.replyText !== undefined ? { replyText: texts(body.replyText) } : {}),
      ...(body.requiredForMarketing !== undefined ? { requiredForMarketing: body.requiredForMarketing } : {}),
      ...(body.confirmations !== undefined ? { confirmations: body.confirmations } : {}),
    }
    const settings = await desk.optOut.updateSettings(c.get('principal').accountId, update)
    return c.json(optOutSettingsJson(settings), 200)
  })

  return app
}

function texts(t: { sv?: string | null | undefined; en?: string | null | undefined }) {
  return {
    ...(t.sv !== undefined ? { sv: t.sv } : {}),
    ...(t.en !== undefined ? { en: t.en } : {}),
  }
}
