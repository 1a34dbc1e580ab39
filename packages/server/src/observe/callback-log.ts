/** Logs status-callback attempts that did not get through: which delivery, where (origin only), why. */
import type { CallbackAttempt } from '@smsdesk/core'
import type { Logger } from 'pino'

/**
 * An `onAttempt` hook that warns on each failed attempt. Only the URL's origin is logged: a customer's path
 * or query may carry their own token.
 */
export function logCallbackAttempt(logger: Logger): (attempt: CallbackAttempt) => void {
  return (a) => {
    if (a.outcome === 'delivered') return
    logger.warn(
      {
        deliveryId: a.id,
        messageId: a.messageId,
        target: originOf(a.url),
        attempt: a.attempt,
        error: a.error,
      },
      a.outcome === 'failed' ? 'status callback failed for good' : 'status callback failed; will retry',
    )
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return '(invalid URL)'
  }
}
