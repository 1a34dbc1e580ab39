/** The outbox dispatcher and the delivery-report sink. */
export { type ClaimedMessage, claimDue } from './claim.ts'
export { DISPATCHER_DEFAULTS, dispatchOnce, startDispatcher } from './dispatcher.ts'
export type { HandOverDeps } from './hand-over.ts'
export { recordDeliveryReport } from './reports.ts'
