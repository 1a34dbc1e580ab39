/**
 * A templated send's messages: each recipient's text filled from its contact and the send's `variables`, then
 * checked, counted and priced on its own, so a long name that tips a message into two parts is charged for two.
 */
import type { CoreContext } from '../context.ts'
import { DeskError } from '../errors.ts'
import { type FillResult, fillTemplate } from '../templates/fill.ts'
import { contactFieldsFor, selectTemplate } from '../templates/store.ts'
import { rowToTemplate, templateName } from '../templates/templates.ts'
import type { OptOutAddition } from './opt-out-addition.ts'
import { SAMPLE_TOKEN } from './opt-out-addition.ts'
import type { ResolvedRecipient } from './recipients.ts'
import { countSegments, type SegmentEncoding } from './segments.ts'
import { MAX_BODY_CHARS } from './validate.ts'

const MAX_VARIABLES = 50
const MAX_VARIABLE_CHARS = 500

/** The saved template's text for `name`: `NotFound` when the account has none. */
export async function templateBody(ctx: CoreContext, accountId: string, name: unknown): Promise<string> {
  const key = templateName(name)
  const row = await selectTemplate(ctx.db, accountId, key)
  if (!row) throw new DeskError('NotFound', `No template called "${key}".`, { details: { template: key } })
  return rowToTemplate(row).body
}

/** Checks `variables`: at most 50 names, each value text of at most 500 characters. */
export function checkVariables(variables: unknown): Record<string, string> {
  if (variables === undefined || variables === null) return {}
  const entries =
    typeof variables === 'object' && !Array.isArray(variables) ? Object.entries(variables) : null
  if (
    entries === null ||
    entries.length > MAX_VARIABLES ||
    entries.some(([, v]) => typeof v !== 'string' || v.length > MAX_VARIABLE_CHARS)
  )
    throw new DeskError(
      'InvalidRequest',
      `variables must be an object of at most ${MAX_VARIABLES} texts of at most ${MAX_VARIABLE_CHARS} characters.`,
      { details: { field: 'variables' } },
    )
  return Object.fromEntries(entries) as Record<string, string>
}

export type RecipientFill = (r: ResolvedRecipient) => FillResult

/** Reads the contacts of the valid recipients once and returns the filling for each recipient. */
export async function recipientFiller(
  ctx: CoreContext,
  accountId: string,
  body: string,
  variables: Record<string, string>,
  validNumbers: string[],
): Promise<RecipientFill> {
  const contacts = await contactFieldsFor(ctx.db, accountId, validNumbers)
  return (r) => {
    const contact = contacts.get(r.recipient)
    const values: Record<string, string | null | undefined> = { ...variables, number: r.recipient }
    // The contact's own field wins over a variable of the same name.
    if (contact?.firstName) values.firstName = contact.firstName
    if (contact?.lastName) values.lastName = contact.lastName
    if (contact?.email) values.email = contact.email
    return fillTemplate(body, values)
  }
}

/** Why a recipient's text could not be filled, for its 408. */
export function missingDetail(missing: string[]): string {
  const list = missing.map((m) => `{${m}}`).join(', ')
  return `The template needs ${list}, which this recipient has no value for: add it to the contact, pass it in variables, or declare a default such as {${missing[0]}|vän}.`
}

export function tooLongDetail(chars: number): string {
  return `The filled text is ${chars} characters; at most ${MAX_BODY_CHARS} are allowed.`
}

/** The opt-out of `addition` (made for the template's raw text) after this recipient's filled text instead. */
export function additionFor(addition: OptOutAddition, rawBody: string, filled: string): OptOutAddition {
  return { ...addition, prefix: filled + addition.prefix.slice(rawBody.length) }
}

/** A filled message's final text (with the sample token for a link) and how it counts. */
export function countFilled(
  filled: string,
  addition: OptOutAddition | null,
): { body: string; encoding: SegmentEncoding; segments: number } {
  const body = addition
    ? addition.mode === 'link'
      ? addition.prefix + SAMPLE_TOKEN + addition.suffix
      : addition.prefix
    : filled
  const { encoding, segments } = countSegments(body)
  return { body, encoding, segments }
}
