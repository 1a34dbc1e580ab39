/** @smsdesk/core — the SMS domain: sending, money, contacts, opt-out, inbound and the status lifecycle. */

export type { Dialect } from './context.ts'
export * from './desk.ts'
export * from './errors.ts'
export * from './money.ts'
export * from './ports.ts'
// The modules below are added as they land: status, sending, ledger, contacts, gateway, store, createDesk.
