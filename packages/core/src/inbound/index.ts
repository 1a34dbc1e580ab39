/** Inbound SMS and their keywords (STOP/STOPP/AVSLUTA, START, Spara). */
export { createInboundModule, type InboundDeps, type InboundModule } from './inbound.ts'
export { type ParsedKeyword, parseKeyword } from './keywords.ts'
