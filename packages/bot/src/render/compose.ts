/** The compose form → a Slack modal (`views.open`) or an Adaptive Card with inputs; and their submissions back. */

import { COMPOSE_FIELDS, type ComposeForm, type ComposeValues } from '../commands/compose.ts'
import type { AdaptiveCard } from './teams.ts'

/** The modal's `callback_id`, and the global shortcut's. */
export const COMPOSE_CALLBACK_ID = 'smsdesk_compose'
/** What the card's submit button carries in `activity.value`, beside the inputs. */
export const COMPOSE_SUBMIT = 'compose'

// Slack's limits: a modal title, submit and close text are at most 24 characters.
const MODAL_TEXT_MAX = 24

const plain = (text: string) => ({ type: 'plain_text', text: text.slice(0, MODAL_TEXT_MAX), emoji: true })

/** A Slack modal; `privateMetadata` comes back with the submission (where to answer). */
export function composeModal(form: ComposeForm, privateMetadata: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: COMPOSE_CALLBACK_ID,
    title: plain(form.title),
    submit: plain(form.submit),
    close: plain(form.cancel),
    private_metadata: privateMetadata,
    blocks: form.fields.map((f) => ({
      type: 'input',
      block_id: f.id,
      optional: f.optional,
      label: { type: 'plain_text', text: f.label },
      ...(f.hint === null ? {} : { hint: { type: 'plain_text', text: f.hint } }),
      element: { type: 'plain_text_input', action_id: f.id, multiline: f.multiline },
    })),
  }
}

/** The values of a `view_submission` (`view.state.values[block][action].value`). */
export function readModalValues(view: { state?: { values?: unknown } }): ComposeValues {
  const values = (view.state?.values ?? {}) as Record<string, Record<string, { value?: string | null }>>
  const read: ComposeValues = {}
  for (const field of COMPOSE_FIELDS) {
    const value = values[field]?.[field]?.value
    if (typeof value === 'string') read[field] = value
  }
  return read
}

/** The same form as an Adaptive Card: `Input.Text` fields and one `Action.Submit`. */
export function composeCard(form: ComposeForm): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: form.title, size: 'Large', weight: 'Bolder', style: 'heading', wrap: true },
      ...form.fields.map((f) => ({
        type: 'Input.Text',
        id: f.id,
        label: f.label,
        isRequired: !f.optional,
        isMultiline: f.multiline,
        ...(f.hint === null ? {} : { placeholder: f.hint }),
      })),
    ],
    actions: [
      { type: 'Action.Submit', title: form.submit, style: 'positive', data: { smsdesk: COMPOSE_SUBMIT } },
    ],
  }
}

/** The inputs of a submitted compose card; null when `value` is anything else. */
export function readComposeSubmit(value: unknown): ComposeValues | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (v.smsdesk !== COMPOSE_SUBMIT) return null
  const read: ComposeValues = {}
  for (const field of COMPOSE_FIELDS) if (typeof v[field] === 'string') read[field] = v[field]
  return read
}
