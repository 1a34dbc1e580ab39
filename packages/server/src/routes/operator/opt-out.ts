/** Operator routes for the opt-out add-ons: switch the link and the STOP-reply service per account. */
import { createRoute } from '@hono/zod-openapi'
import { operatorOnly } from '../../http/operator-auth.ts'
import { newRouter, type RouteDeps } from '../../http/router.ts'
import { json, jsonBody } from '../../schemas/common.ts'
import { OptOutServiceBodySchema, OptOutServiceSchema, optOutServiceJson } from '../../schemas/opt-out.ts'
import { AccountParamSchema, accountFromPath, operatorBearer, operatorErrors, TAG } from './shared.ts'

export function operatorOptOutRoutes({ desk }: Pick<RouteDeps, 'desk'>) {
  const app = newRouter()

  const get = createRoute({
    method: 'get',
    path: '/accounts/{id}/opt-out-service',
    tags: [TAG],
    summary: 'The account’s opt-out add-ons: what runs now and every subscription period',
    security: operatorBearer,
    request: { params: AccountParamSchema },
    responses: { 200: json(OptOutServiceSchema, 'The add-ons'), ...operatorErrors },
  })
  app.openapi(get, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    return c.json(optOutServiceJson(await desk.optOut.service(account.id)), 200)
  })

  const put = createRoute({
    method: 'put',
    path: '/accounts/{id}/opt-out-service',
    tags: [TAG],
    summary: 'Switch the opt-out add-ons on or off (link 495 kr/year, STOP reply 995 kr/year)',
    description:
      'Switching on starts a subscription period (12 months’ commitment); switching off ends it and records ' +
      'until when it is paid (the commitment’s end or 3 months’ notice, whichever is later). Nothing is charged ' +
      'to the SMS balance.',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: AccountParamSchema, body: jsonBody(OptOutServiceBodySchema) },
    responses: { 200: json(OptOutServiceSchema, 'The add-ons now'), ...operatorErrors },
  })
  app.openapi(put, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    const service = await desk.optOut.setService(
      account.id,
      c.req.valid('json'),
      `operator:${c.get('operator').operatorId}`,
    )
    return c.json(optOutServiceJson(service), 200)
  })

  return app
}
