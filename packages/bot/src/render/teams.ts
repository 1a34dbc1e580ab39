/**
 * Answer → Adaptive Card 1.5 for Teams. Buttons are `Action.Execute` (Universal Actions: the bot answers with the
 * refreshed card), falling back to `Action.Submit` (data back as the activity's value) where that is unsupported.
 */

import { type Answer, type AnswerButton, BUTTON_ACTIONS } from '../commands/answer.ts'

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: '1.5' }

/** What a card button submits; Teams hands it back in `activity.value`. */
export interface CardSubmitData {
  smsdesk: AnswerButton['action']
  pendingId: string
}

const TONE_COLOR: Record<Answer['tone'], string> = {
  info: 'Default',
  success: 'Good',
  warning: 'Warning',
  error: 'Attention',
}

export function answerToCard(answer: Answer): AdaptiveCard {
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: teamsMarkdown(answer.title),
      size: 'Large',
      weight: 'Bolder',
      style: 'heading',
      color: TONE_COLOR[answer.tone],
      wrap: true,
    },
  ]
  if (answer.text) body.push({ type: 'TextBlock', text: teamsMarkdown(answer.text), wrap: true })
  if (answer.fields && answer.fields.length > 0)
    body.push({
      type: 'FactSet',
      facts: answer.fields.map((f) => ({ title: f.label, value: teamsMarkdown(f.value) })),
    })
  if (answer.list && answer.list.length > 0)
    body.push({
      type: 'TextBlock',
      // A blank line between items keeps multi-line items (FAQ answers) apart in Teams' markdown.
      text: answer.list.map((item) => `- ${teamsMarkdown(item).replace(/\n/g, ' — ')}`).join('\n'),
      wrap: true,
    })
  if (answer.note)
    body.push({
      type: 'TextBlock',
      text: teamsMarkdown(answer.note),
      isSubtle: true,
      size: 'Small',
      wrap: true,
    })

  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  }
  if (answer.buttons && answer.buttons.length > 0)
    card.actions = answer.buttons.map((b) => {
      const submit = {
        type: 'Action.Submit',
        title: b.label,
        ...(b.style === 'primary'
          ? { style: 'positive' }
          : b.style === 'danger'
            ? { style: 'destructive' }
            : {}),
        data: { smsdesk: b.action, pendingId: b.value } satisfies CardSubmitData,
      }
      return { ...submit, type: 'Action.Execute', verb: b.action, fallback: submit }
    })
  return card
}

/** Teams reads `**bold**` and shows backticks literally; answers are written with Slack-style `*bold*`. */
function teamsMarkdown(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1').replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1**$2**')
}

/** Reads a card submit back from an activity's `value`; null for anything else. */
export function readCardSubmit(value: unknown): CardSubmitData | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const action = BUTTON_ACTIONS.find((a) => a === v.smsdesk)
  if (action && typeof v.pendingId === 'string') return { smsdesk: action, pendingId: v.pendingId }
  return null
}
