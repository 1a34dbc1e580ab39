/** `/api/v1/operator`: the provider's own API, one router behind its own authentication and audit. */
import type { Desk } from '@smsdesk/core'
import type { Logger } from 'pino'
import { operatorAuthentication } from '../../http/operator-auth.ts'
import type { RateLimiter } from '../../http/rate-limit.ts'
import { newRouter } from '../../http/router.ts'
import { operatorAccountRoutes } from './accounts.ts'
import { operatorFaqDraftRoutes } from './faq-drafts.ts'
import { operatorFaqReportRoutes } from './faq-report.ts'
import { operatorMessageRoutes } from './messages.ts'
import { operatorMoneyRoutes } from './money.ts'
import { operatorOptOutRoutes } from './opt-out.ts'
import { operatorSenderRoutes } from './senders.ts'

export { TAG as OPERATOR_TAG } from './shared.ts'

/** Every operator route, authenticated and audited by one middleware; mount it at `/api/v1/operator`. */
export function operatorRoutes(deps: { desk: Desk; limiter: RateLimiter; logger: Logger }) {
  const app = newRouter()
  app.use('*', operatorAuthentication(deps.desk, deps.limiter, deps.logger))
  app.route('/', operatorAccountRoutes(deps))
  app.route('/', operatorMoneyRoutes(deps))
  app.route('/', operatorSenderRoutes(deps))
  app.route('/', operatorMessageRoutes(deps))
  app.route('/', operatorOptOutRoutes(deps))
  app.route('/', operatorFaqReportRoutes(deps))
  app.route('/', operatorFaqDraftRoutes(deps))
  return app
}
