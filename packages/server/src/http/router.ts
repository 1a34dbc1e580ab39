/** One way to make a router: every OpenAPIHono shares the validation hook, so every 422 looks the same. */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Desk } from '@smsdesk/core'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config.ts'
import type { Authorizer } from './auth.ts'
import type { AppEnv } from './env.ts'
import { validationFailed } from './errors.ts'

/** What route modules are built from. */
export interface RouteDeps {
  desk: Desk
  authorize: Authorizer
  config: ServerConfig
  logger: Logger
}

export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationFailed(c, result.error, result.target)
    },
  })
}
