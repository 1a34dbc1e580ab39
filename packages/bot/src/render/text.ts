/** Answer → readable text: Slack's notification fallback, Teams' summary line, and the README samples. */

import type { Answer } from '../commands/answer.ts'

/** `plain` drops the button row (buttons live in blocks/cards; the text is only a fallback). */
export function answerToText(answer: Answer, options: { plain?: boolean } = {}): string {
  const lines = [`*${answer.title}*`]
  if (answer.text) lines.push(answer.text)
  for (const f of answer.fields ?? []) lines.push(`${f.label}: ${f.value}`)
  for (const item of answer.list ?? []) lines.push(`• ${item}`)
  if (answer.note) lines.push(`_${answer.note}_`)
  if (!options.plain && answer.buttons && answer.buttons.length > 0)
    lines.push(answer.buttons.map((b) => `[ ${b.label} ]`).join(' '))
  return lines.join('\n')
}
