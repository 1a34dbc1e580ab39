/** @smsdesk/core/status — the browser-safe status catalogue. */
export * from './catalogue.ts'
