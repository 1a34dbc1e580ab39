/**
 * Reads what iP1 pushes to us: delivery reports (to the batch's `deliveryReportUrl`) and inbound SMS (to the
 * account's incoming-SMS URL). Payload shapes: https://ip1sms.com/en/developer/recieving-delivery-reports and
 * https://ip1sms.com/en/developer/receiving-incoming-sms — see ip1.ts for what we found and assumed.
 */
import { DeskError } from '../errors.ts'
import { type Clock, type DeliveryReport, type InboundSms, systemClock } from '../ports.ts'

type Json = Record<string, unknown>

/**
 * One delivery report or an array of them → our reports. iP1's `reference` is our hand-over id and with the
 * `recipient` names our message (before batched hand-overs it was the message id itself, so it is offered as that
 * too); its message `id` is what our submit stored as the gateway id. Junk → `DeskError('InvalidRequest')`.
 */
export function parseIp1DeliveryReports(body: unknown, clock: Clock = systemClock): DeliveryReport[] {
  return asItems(body, 'delivery report').map((item, index) => {
    const code = readCode(item.code)
    if (code === null)
      throw invalid(`delivery report ${index}: "code" must be a three-digit status code`, index)
    const reference = readText(item.reference)
    const batchId = readText(item.batchId)
    const ip1MessageId = readText(item.id) ?? readText(item.messageId)
    if (!reference && !batchId && !ip1MessageId)
      throw invalid(`delivery report ${index}: needs "reference", "batchId" or "id"`, index)
    const report: DeliveryReport = { code, at: readDate(item.created) ?? clock.now() }
    if (reference) {
      report.reference = reference
      report.messageId = reference
    }
    const recipient = readText(item.recipient)
    if (recipient) report.recipient = asE164(recipient)
    // Our submit stored iP1's message id (the batch id when it could not learn it, or for one-message batches of old).
    const gatewayId = ip1MessageId ?? batchId
    if (gatewayId) report.gatewayId = gatewayId
    return report
  })
}

/** One inbound SMS or an array of them → our inbound messages (numbers as E.164). Junk → `DeskError('InvalidRequest')`. */
export function parseIp1Inbound(body: unknown, clock: Clock = systemClock): InboundSms[] {
  return asItems(body, 'inbound SMS').map((item, index) => {
    const from = readText(item.sender)
    const to = readText(item.recipient)
    const text = typeof item.body === 'string' ? item.body : null
    if (!from || !to || text === null)
      throw invalid(`inbound SMS ${index}: needs "sender", "recipient" and "body" as strings`, index)
    const statuses = Array.isArray(item.statuses) ? (item.statuses as unknown[]) : []
    const firstStatus = statuses.find((s): s is Json => isObject(s))
    const at = readDate(firstStatus?.created) ?? readDate(item.modified) ?? clock.now()
    const sms: InboundSms = { from: asE164(from), to: asE164(to), body: text, at }
    const id = readText(item.id)
    if (id) sms.gatewayId = id
    return sms
  })
}

function asItems(body: unknown, what: string): Json[] {
  const items = Array.isArray(body) ? body : [body]
  if (body === null || body === undefined || (Array.isArray(body) && body.length > 1000))
    throw invalid(`expected a ${what} object or an array of them`)
  return items.map((item, index) => {
    if (!isObject(item)) throw invalid(`${what} ${index}: expected a JSON object`, index)
    return item
  })
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return null
  const text = value.trim()
  return text === '' || text.length > 200 ? null : text
}

function readCode(value: unknown): number | null {
  const code = typeof value === 'string' && /^\d{3}$/.test(value.trim()) ? Number(value) : value
  return typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 999 ? code : null
}

function readDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

// iP1 writes numbers as MSISDN digits without the plus; alphanumeric senders stay as they are.
function asE164(value: string): string {
  return /^\d{6,15}$/.test(value) ? `+${value}` : value
}

function invalid(message: string, index?: number): DeskError {
  return new DeskError('InvalidRequest', message, index === undefined ? {} : { details: { index } })
}
