/** `/api/v1/account` and `/api/v1/balance`: who the key belongs to, the balance and its ledger (credit comes from the provider). */
import { createRoute } from '@hono/zod-openapi'
import { newRouter, type RouteDeps } from '../http/router.ts'
import {
  AccountSchema,
  accountJson,
  BalanceSchema,
  LedgerEntrySchema,
  ledgerJson,
} from '../schemas/account.ts'
import { bearer, errorResponse, json, PageQuerySchema, pageOf, securedErrors } from '../schemas/common.ts'

export function accountRoutes({ desk, authorize }: RouteDeps) {
  const app = newRouter()

  const account = createRoute({
    method: 'get',
    path: '/account',
    tags: ['Account'],
    summary: 'The account this API key belongs to',
    security: bearer,
    middleware: [authorize('read')] as const,
    responses: { 200: json(AccountSchema, 'The account'), ...securedErrors },
  })
  app.openapi(account, async (c) =>
    c.json(accountJson(await desk.accounts.get(c.get('principal').accountId)), 200),
  )

  const balance = createRoute({
    method: 'get',
    path: '/balance',
    tags: ['Balance'],
    summary: 'The current balance in minor units',
    security: bearer,
    middleware: [authorize('read')] as const,
    responses: { 200: json(BalanceSchema, 'The balance'), ...securedErrors },
  })
  app.openapi(balance, async (c) =>
    c.json({ balance: await desk.ledger.balance(c.get('principal').accountId) }, 200),
  )

  const ledger = createRoute({
    method: 'get',
    path: '/balance/ledger',
    tags: ['Balance'],
    summary: 'Every top-up, charge and refund, newest first',
    security: bearer,
    middleware: [authorize('read')] as const,
    request: { query: PageQuerySchema },
    responses: {
      200: json(pageOf(LedgerEntrySchema, 'LedgerPage'), 'A page of ledger entries'),
      ...securedErrors,
    },
  })
  app.openapi(ledger, async (c) => {
    const { limit, cursor } = c.req.valid('query')
    const page = await desk.ledger.entries(c.get('principal').accountId, {
      ...(limit ? { limit } : {}),
      ...(cursor ? { cursor } : {}),
    })
    return c.json({ items: page.items.map(ledgerJson), nextCursor: page.nextCursor }, 200)
  })

  // Kept so that old clients get a clear answer rather than a 404: money only ever comes from the provider.
  const topUp = createRoute({
    method: 'post',
    path: '/balance/top-ups',
    tags: ['Balance'],
    summary: 'Gone: credit comes from the provider (always 403)',
    description:
      'Buy credit in the webshop or ask the provider; it is booked on the account through the operator API.',
    deprecated: true,
    security: bearer,
    middleware: [authorize('read')] as const,
    responses: { ...securedErrors, 403: errorResponse('Always: credit comes from the provider') },
  })
  app.openapi(topUp, async (c) =>
    c.json(
      {
        error: {
          code: 'Forbidden',
          message:
            'An account cannot add money to itself: credit comes from the provider. Buy credit in the webshop or contact support.',
        },
      },
      403,
    ),
  )

  return app
}
