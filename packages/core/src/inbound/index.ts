/** Inbound SMS and their keywords (STOP/STOPP/AVSLUTA, START, Spara). */
export { createInboundModule, type InboundApi, type InboundDeps } from './inbound.ts'
export { type ParsedKeyword, parseKeyword } from './keywords.ts'
