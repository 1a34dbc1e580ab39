/** What every operator route module shares: the security scheme, the account parameter and the resolving of it. */
import { z } from '@hono/zod-openapi'
import type { Account, Desk } from '@smsdesk/core'
import type { Context } from 'hono'
import type { AppEnv } from '../../http/env.ts'
import { errorResponse } from '../../schemas/common.ts'

export const TAG = 'Operator'

export const operatorBearer = [{ OperatorBearer: [] }]

/** The failures any operator route can answer with. */
export const operatorErrors = {
  401: errorResponse('Missing, unknown or revoked operator key (account keys never work here)'),
  403: errorResponse('The support role may only read'),
  404: errorResponse('No such account (by id or customer number)'),
  422: errorResponse('The request failed validation'),
  429: errorResponse('Rate limit for this operator key exceeded'),
} as const

export const AccountParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({
      param: { name: 'id', in: 'path' },
      description: 'Account id or customer number',
      example: '100001',
    }),
})

/** The account named in the path (id or customer number), remembered for the call's audit row. */
export async function accountFromPath(c: Context<AppEnv>, desk: Desk, idOrNumber: string): Promise<Account> {
  const account = await desk.operator.accounts.find(idOrNumber)
  c.set('auditAccountId', account.id)
  return account
}
