/** The per-request variables every route can read: who is calling and the request id. */
import type { OperatorPrincipal, Principal } from '@smsdesk/core'
import type { RequestIdVariables } from 'hono/request-id'

export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Set by `authorize()`; absent on public routes. */
    principal: Principal
    /** Set by the operator router's authentication; absent elsewhere. */
    operator: OperatorPrincipal
    /** The account an operator call concerned, for its audit row (set by the handler once resolved). */
    auditAccountId: string
    /** What beyond the account it concerned (a message id, a number, a sender). */
    auditTarget: string
  }
}
