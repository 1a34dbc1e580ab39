/** Request-level checks for a send: the sender, the body and the request's shape. Failures throw; nothing is stored. */
import type { SendRequest } from '../desk.ts'
import { DeskError } from '../errors.ts'

export const MAX_BODY_CHARS = 2000
export const MAX_RECIPIENTS = 100_000
export const DEFAULT_VALIDITY_HOURS = 72
export const MAX_VALIDITY_HOURS = 72
export const MAX_REFERENCE_CHARS = 128
export const MAX_IDEMPOTENCY_KEY_CHARS = 255
/** A `sendAt` this little in the past is clock skew and means "now"; further back is a mistake. */
export const SEND_AT_PAST_TOLERANCE_MS = 5 * 60_000
/** How far ahead a message may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 90 * 24 * 3_600_000

const ALPHANUMERIC_SENDER = /^[A-Za-z0-9]{3,11}$/
const NUMERIC_SENDER = /^\+?[0-9]{1,15}$/

/**
 * A sender is 3–11 characters of `[A-Za-z0-9]`, or a number of up to 15 digits with an optional leading `+`.
 * Anything else fails the whole request with 407 InvalidSender.
 */
export function assertValidSender(sender: unknown): string {
  if (typeof sender !== 'string' || !(ALPHANUMERIC_SENDER.test(sender) || NUMERIC_SENDER.test(sender))) {
    throw new DeskError(
      'InvalidSender',
      'The sender must be 3–11 letters or digits (A–Z, a–z, 0–9) or a number of at most 15 digits.',
      { statusCode: 407, details: { sender: typeof sender === 'string' ? sender : null } },
    )
  }
  return sender
}

/** An empty body, or one over 2,000 characters, fails the whole request with 408 InvalidContent. */
export function assertValidBody(body: unknown): string {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new DeskError('InvalidContent', 'The message body is empty.', { statusCode: 408 })
  }
  // Characters as people count them: a surrogate pair (emoji) is one.
  let chars = 0
  for (const _ of body) chars++
  if (chars > MAX_BODY_CHARS) {
    throw new DeskError(
      'InvalidContent',
      `The message body is ${chars} characters; at most ${MAX_BODY_CHARS} are allowed.`,
      { statusCode: 408, details: { characters: chars, max: MAX_BODY_CHARS } },
    )
  }
  return body
}

/** Registered senders are compared without case and without a leading `+`. */
export function senderKey(sender: string): string {
  return sender.replace(/^\+/, '').toLowerCase()
}

/** The request's options, checked, with defaults applied. */
export interface CheckedOptions {
  sendAt: Date
  validityHours: number
  reference: string | null
  idempotencyKey: string | null
  statusCallbackUrl: string | null
}

/** Checks everything about a request that is not the sender or body; throws `InvalidRequest` naming the field. */
export function checkRequestOptions(request: SendRequest, now: Date): CheckedOptions {
  const recipients = request.recipients ?? []
  const groups = request.groups ?? []
  if (!Array.isArray(recipients) || !Array.isArray(groups))
    invalid('recipients and groups must be lists', 'recipients')
  if (recipients.length === 0 && groups.length === 0)
    invalid('Give at least one recipient or contact group.', 'recipients')
  if (recipients.length > MAX_RECIPIENTS)
    invalid(`At most ${MAX_RECIPIENTS} recipients per request.`, 'recipients')
  if (recipients.some((r) => typeof r !== 'string'))
    invalid('Every recipient must be a string.', 'recipients')
  if (groups.some((g) => typeof g !== 'string' || g.trim() === ''))
    invalid('Every group must be a non-empty name.', 'groups')

  const validityHours = request.validityHours ?? DEFAULT_VALIDITY_HOURS
  if (!Number.isInteger(validityHours) || validityHours < 1 || validityHours > MAX_VALIDITY_HOURS)
    invalid(`validityHours must be a whole number from 1 to ${MAX_VALIDITY_HOURS}.`, 'validityHours')

  let sendAt = now
  if (request.sendAt !== undefined) {
    const at = request.sendAt
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) invalid('sendAt must be a valid time.', 'sendAt')
    if (at.getTime() < now.getTime() - SEND_AT_PAST_TOLERANCE_MS) invalid('sendAt is in the past.', 'sendAt')
    if (at.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS)
      invalid('sendAt may be at most 90 days ahead.', 'sendAt')
    if (at.getTime() > now.getTime()) sendAt = at
  }

  const reference = optionalText(request.reference, MAX_REFERENCE_CHARS, 'reference')
  const idempotencyKey = optionalText(request.idempotencyKey, MAX_IDEMPOTENCY_KEY_CHARS, 'idempotencyKey')
  const statusCallbackUrl = checkCallbackUrl(request.statusCallbackUrl)
  return { sendAt, validityHours, reference, idempotencyKey, statusCallbackUrl }
}

function optionalText(value: unknown, max: number, field: string): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    invalid(`${field} must be text of 1 to ${max} characters.`, field)
  return value
}

function checkCallbackUrl(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || value.length > 2048)
    invalid('statusCallbackUrl is not a URL.', 'statusCallbackUrl')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    invalid('statusCallbackUrl is not a URL.', 'statusCallbackUrl')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    invalid('statusCallbackUrl must be an http or https URL.', 'statusCallbackUrl')
  return value
}

function invalid(message: string, field: string): never {
  throw new DeskError('InvalidRequest', message, { details: { field } })
}
