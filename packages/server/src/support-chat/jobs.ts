/** The support chat's background work: the SMS fallback for staff replies and the hourly retention purge. */
import type { Desk } from '@smsdesk/core'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config.ts'
import { startSmsFallback } from './sms-fallback.ts'
import type { OpenStreams } from './streams.ts'

const PURGE_EVERY_MS = 60 * 60_000

/** Starts what the support chat runs beside the requests; returns a stop function. */
export function startSupportJobs(
  desk: Desk,
  config: ServerConfig,
  streams: OpenStreams,
  logger: Logger,
): () => void {
  if (!config.supportChat.enabled) return () => {}
  const { retentionDays, smsAccount } = config.supportChat
  const offSms = smsAccount ? startSmsFallback(desk, { account: smsAccount, streams, logger }) : () => {}
  const purge = () => {
    desk.support
      .purgeOlderThan(retentionDays)
      .then((n) => {
        if (n > 0) logger.info({ purged: n, retentionDays }, 'support: old conversations deleted')
      })
      .catch((err: unknown) => logger.warn({ err }, 'support: the retention purge failed'))
  }
  purge()
  const timer = setInterval(purge, PURGE_EVERY_MS)
  timer.unref()
  return () => {
    clearInterval(timer)
    offSms()
  }
}
