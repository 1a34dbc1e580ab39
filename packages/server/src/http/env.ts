/** The per-request variables every route can read: who is calling and the request id. */
import type { Principal } from '@smsdesk/core'
import type { RequestIdVariables } from 'hono/request-id'

export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Set by `authorize()`; absent on public routes. */
    principal: Principal
  }
}
