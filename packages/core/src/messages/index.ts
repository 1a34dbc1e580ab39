/** The message lifecycle: recording statuses, refunds, cancel, expiry and the read side. */
export { emitAll, recordStatuses } from './apply.ts'
export { cancelMessage } from './cancel.ts'
export { expireOverdue } from './expire.ts'
export { advancesTo, CANCELABLE_CODES } from './progress.ts'
export { batchSummary, getMessage, listMessages } from './queries.ts'
export { type RecordOutcome, recordStatus, type StatusInput } from './record.ts'
export { REFUND_RULES, type RefundRule, type RefundWhen, refundDue, refundRulesMarkdown } from './refunds.ts'
