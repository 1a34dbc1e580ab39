/** @smsdesk/core — the SMS domain: sending, money, contacts, opt-out, inbound and the status lifecycle. */

export { ACTIONS, type Action, can, isRole, ROLE_PERMISSIONS, ROLES } from './accounts/roles.ts'
export { type BoundedMap, boundedMap } from './bounded-map.ts'
export type { Dialect } from './context.ts'
export { iso } from './context.ts'
export { createDesk, type DeskOptions } from './desk/create-desk.ts'
export * from './desk.ts'
export { DISPATCHER_DEFAULTS } from './dispatch/dispatcher.ts'
export { type QueueDepth, readQueueDepth } from './dispatch/queue-depth.ts'
export * from './errors.ts'
export * from './faq-feedback/index.ts'
// The gateways (simulator, iP1) and the iP1 payload parsers, as the gateway module curates them.
export * from './gateway/index.ts'
export { CANCELABLE_CODES } from './messages/progress.ts'
export { REFUND_RULES, type RefundRule, type RefundWhen, refundRulesMarkdown } from './messages/refunds.ts'
export * from './money.ts'
export { isOperatorRole, OPERATOR_KEY_PREFIX, OPERATOR_ROLES } from './operator/index.ts'
export * from './ports.ts'
export { normalizeNumber } from './sending/phone.ts'
export { findLeadingNumber, type LeadingNumber } from './sending/phone-scan.ts'
export { DEFAULT_PRICES, type PriceList, type PriceTable } from './sending/pricing.ts'
export { countSegments, type SegmentCount, type SegmentEncoding } from './sending/segments.ts'
export {
  DEFAULT_VALIDITY_HOURS,
  MAX_BODY_CHARS,
  MAX_RECIPIENTS,
  MAX_VALIDITY_HOURS,
} from './sending/validate.ts'
export {
  describeStatus,
  isFinalCode,
  isStatusCode,
  LEGACY_STATUSES,
  type LegacyStatus,
  type LegacyStatusName,
  lookupStatus,
  STATUSES,
  type Status,
  type StatusCode,
  type StatusDefinition,
  type StatusDescription,
  type StatusGroup,
  type StatusMatch,
  type StatusName,
  type StatusText,
  statusByCode,
  statusByName,
  statusName,
} from './status/catalogue.ts'
export { pendingMigrations } from './store/migrate.ts'
export { type OpenDatabaseOptions, type OpenedDatabase, openDatabase } from './store/open.ts'
export { databaseUnavailable } from './store/unavailable.ts'
export { hashSupportToken, SUPPORT_LIMITS, SUPPORT_RETENTION_DAYS } from './support/index.ts'
export {
  CALLBACK_HEADERS,
  CALLBACK_RETRY_SCHEDULE_MS,
  type CallbackDelivery,
  type CallbackHeaders,
  type CallbacksApi,
  isCallbackSecret,
  newCallbackSecret,
  signCallback,
  type VerifyOptions,
  verifyCallbackSignature,
} from './webhooks/index.ts'
