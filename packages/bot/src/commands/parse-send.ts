/** `send` with its options (a time, a validity, a template) and the template and cancel commands. */
import type { Command, ParseResult } from './command.ts'
import { bad, fail, missing, ok, splitWord } from './parse-helpers.ts'
import { shorten, splitRecipients } from './recipients.ts'
import { findLeadingTime } from './when.ts'

const VALIDITY = /^(?:valid|giltig|giltighet)\s+(\S+)(?:\s+|$)/i
const HOURS = /^(\d{1,2})\s*(?:h|t|tim|timmar|hours?)?$/i
const TEMPLATE = /^(?:template|mall):(\S*)(?:\s+|$)/i
const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/
const VARIABLE = /^([A-Za-z][A-Za-z0-9_]{0,39})=(?:"([^"]*)"|“([^”]*)”|(\S+))(?:\s+|$)/
const ID = /^[A-Za-z0-9_-]{1,64}$/

/** `send <recipients> [<time>] [valid <hours>h] <text | template:<name> [name=value …]>` */
export function parseSend(rest: string): ParseResult {
  if (rest === '') return missing('send', 'recipients')
  const split = splitRecipients(rest)
  if (!split.ok) {
    if ('reason' in split) return bad('send', 'recipients', split.value, split.reason)
    const { recipients, groups, rest: body } = split.ambiguous
    return fail({ code: 'ambiguous_recipients', recipients, groups, body: shorten(body, 80) })
  }
  if (split.recipients.length + split.groups.length === 0) return missing('send', 'recipients')
  const command: Extract<Command, { kind: 'send' }> = {
    kind: 'send',
    recipients: split.recipients,
    groups: split.groups,
    body: '',
  }
  let text = split.rest
  for (let round = 0; round < 2; round++) {
    const validity = VALIDITY.exec(text)
    if (validity && command.validityHours === undefined) {
      const hours = HOURS.exec(validity[1] ?? '')
      const value = Number(hours?.[1])
      if (!hours || value < 1 || value > 72)
        return bad('send', 'validity', validity[1] ?? '', 'not_a_validity')
      command.validityHours = value
      text = text.slice(validity[0].length)
      continue
    }
    const when = command.when === undefined ? findLeadingTime(text) : null
    if (when) {
      command.when = when.phrase
      text = text.slice(when.end).trim()
    }
  }
  const template = TEMPLATE.exec(text)
  if (template) {
    const name = template[1] ?? ''
    if (!TEMPLATE_NAME.test(name)) return bad('send', 'template', name, 'not_a_template_name')
    const variables: Record<string, string> = {}
    let after = text.slice(template[0].length)
    for (let v = VARIABLE.exec(after); v !== null; v = VARIABLE.exec(after)) {
      variables[v[1] ?? ''] = v[2] ?? v[3] ?? v[4] ?? ''
      after = after.slice(v[0].length)
    }
    if (after.trim() !== '') return bad('send', 'template', after, 'extra_words')
    command.template = { name: name.toLowerCase(), variables }
    return ok(command)
  }
  if (text === '') return missing('send', 'text')
  command.body = text
  return ok(command)
}

/** `template save <name> <text>`, `template delete <name>` (Swedish: `mall spara`, `mall ta-bort`). */
export function parseTemplate(rest: string): ParseResult {
  const [verb, after] = splitWord(rest)
  const action = verb.toLowerCase()
  if (action === '') return missing('template', 'save|delete')
  const [name, body] = splitWord(after)
  if (['save', 'spara'].includes(action)) {
    if (name === '') return missing('template', 'name')
    if (!TEMPLATE_NAME.test(name)) return bad('template', 'name', name, 'not_a_template_name')
    if (body === '') return missing('template', 'text')
    return ok({ kind: 'template-save', name: name.toLowerCase(), body })
  }
  if (['delete', 'remove', 'ta-bort', 'radera'].includes(action)) {
    if (name === '') return missing('template', 'name')
    if (!TEMPLATE_NAME.test(name)) return bad('template', 'name', name, 'not_a_template_name')
    if (body !== '') return bad('template', 'name', body, 'extra_words')
    return ok({ kind: 'template-delete', name: name.toLowerCase() })
  }
  return bad('template', 'save|delete', verb, 'extra_words')
}

/** `cancel <message id | batch id>` */
export function parseCancel(rest: string): ParseResult {
  if (rest === '') return missing('cancel', 'id')
  if (!ID.test(rest)) return bad('cancel', 'id', rest, 'not_an_id')
  return ok({ kind: 'cancel', id: rest })
}
