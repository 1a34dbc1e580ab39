/** Operator routes for money: credits booked by the webshop or staff, and the price list in force. */
import { createRoute } from '@hono/zod-openapi'
import { operatorOnly } from '../../http/operator-auth.ts'
import { newRouter, type RouteDeps } from '../../http/router.ts'
import { errorResponse, json, jsonBody } from '../../schemas/common.ts'
import {
  CreditBodySchema,
  CreditResultSchema,
  creditJson,
  PriceListInForceSchema,
  priceListJson,
} from '../../schemas/operator.ts'
import { AccountParamSchema, accountFromPath, operatorBearer, operatorErrors, TAG } from './shared.ts'

export function operatorMoneyRoutes({ desk }: Pick<RouteDeps, 'desk'>) {
  const app = newRouter()

  const credit = createRoute({
    method: 'post',
    path: '/accounts/{id}/credits',
    tags: [TAG],
    summary: 'Book a credit (or, negative, an adjustment), idempotent by reference',
    description:
      'The same `reference` (a webshop order id) books once: a repeat answers the first result with 200 and ' +
      '`replayed: true`; the same reference with another amount is 409. A negative amount larger than the balance ' +
      'is refused with 402 and changes nothing.',
    security: operatorBearer,
    middleware: [operatorOnly] as const,
    request: { params: AccountParamSchema, body: jsonBody(CreditBodySchema) },
    responses: {
      201: json(CreditResultSchema, 'Booked'),
      200: json(CreditResultSchema, 'Booked before under this reference; nothing new'),
      402: errorResponse('The adjustment would take the balance below zero'),
      409: errorResponse('The reference was booked with another amount'),
      ...operatorErrors,
    },
  })
  app.openapi(credit, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    const body = c.req.valid('json')
    c.set('auditTarget', body.reference)
    const result = await desk.ledger.credit(account.id, body)
    return c.json(creditJson(result), result.replayed ? 200 : 201)
  })

  const priceList = createRoute({
    method: 'get',
    path: '/accounts/{id}/price-list',
    tags: [TAG],
    summary: 'The price list in force: the account’s own prices over the provider’s',
    security: operatorBearer,
    request: { params: AccountParamSchema },
    responses: { 200: json(PriceListInForceSchema, 'Minor units per segment'), ...operatorErrors },
  })
  app.openapi(priceList, async (c) => {
    const account = await accountFromPath(c, desk, c.req.valid('param').id)
    return c.json(priceListJson(await desk.prices.inForce(account.id)), 200)
  })

  return app
}
