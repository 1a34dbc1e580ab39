/** Answer → Slack Block Kit (with a plain `text` fallback for notifications and screen readers). */

import type { Answer } from '../commands/answer.ts'
import { answerToText } from './text.ts'

// Block Kit's published limits: header 150 chars, section text 3000, 10 fields of 2000, 50 blocks a message.
const HEADER_MAX = 150
const SECTION_MAX = 3000
const FIELD_MAX = 2000
const FIELDS_MAX = 10
const BLOCKS_MAX = 50

const TONE_EMOJI: Record<Answer['tone'], string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
}

export type Block = { type: string } & Record<string, unknown>

export interface SlackMessage {
  text: string
  blocks: Block[]
}

/** Block Kit for an answer; buttons become an `actions` block whose `action_id` is the answer's action. */
export function answerToBlocks(answer: Answer): SlackMessage {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(answer.title, HEADER_MAX), emoji: true } },
  ]
  if (answer.text) blocks.push(section(`${TONE_EMOJI[answer.tone]} ${escapeMrkdwn(answer.text)}`))
  if (answer.fields && answer.fields.length > 0) {
    blocks.push({
      type: 'section',
      fields: answer.fields.slice(0, FIELDS_MAX).map((f) => ({
        type: 'mrkdwn',
        text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, FIELD_MAX),
      })),
    })
  }
  for (const chunk of chunkLines(
    (answer.list ?? []).map((item) => `• ${escapeMrkdwn(item)}`),
    SECTION_MAX,
  )) {
    blocks.push(section(chunk))
  }
  if (answer.buttons && answer.buttons.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'smsdesk_confirm',
      // Slack wants action ids unique within a block: a repeated action (several History buttons) gets `:<n>`.
      elements: answer.buttons.map((b, i, all) => ({
        type: 'button',
        action_id: all.findIndex((o) => o.action === b.action) === i ? b.action : `${b.action}:${i}`,
        text: { type: 'plain_text', text: b.label, emoji: true },
        value: b.value,
        ...(b.style === 'default' ? {} : { style: b.style }),
      })),
    })
  }
  if (answer.note)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: clip(escapeMrkdwn(answer.note), SECTION_MAX) }],
    })
  // Keep the header and the buttons when a long list would break the 50-block cap.
  const capped =
    blocks.length <= BLOCKS_MAX ? blocks : [...blocks.slice(0, BLOCKS_MAX - 2), ...blocks.slice(-2)]
  return { text: clip(answerToText(answer, { plain: true }), 3000), blocks: capped }
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) } }
}

/** Slack asks for `&`, `<` and `>` escaped; our own user mentions (`<@U123>`) stay live. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/&lt;@([A-Za-z0-9]+)&gt;/g, '<@$1>')
}

function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = []
  let current = ''
  for (const line of lines) {
    const item = clip(line, max)
    if (current !== '' && current.length + 1 + item.length > max) {
      chunks.push(current)
      current = ''
    }
    current = current === '' ? item : `${current}\n${item}`
  }
  if (current !== '') chunks.push(current)
  return chunks
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
