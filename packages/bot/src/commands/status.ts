/** `status`: one message with its history, the latest messages to a number, or a whole send's counts. */

import { isDeskError, type MessageDetail } from '@smsdesk/core'
import { describeStatus } from '@smsdesk/core/status'
import { formatAmount, formatTime } from '../i18n/index.ts'
import type { Answer } from './answer.ts'
import { toneOfGroup } from './lookup.ts'
import { batchAnswer } from './progress.ts'
import type { Scope } from './scope.ts'

const LATEST_TO_NUMBER = 5

/** A message id; an id that turns out to be a send's (batch) id answers with that send's counts instead. */
export async function statusOfMessage(scope: Scope, id: string): Promise<Answer> {
  let message: MessageDetail
  try {
    message = await scope.desk.messages.get(scope.accountId, id)
  } catch (err) {
    if (!isDeskError(err) || err.code !== 'NotFound') throw err
    return statusOfBatch(scope, id)
  }
  return messageAnswer(scope, message)
}

export function messageAnswer(scope: Scope, message: MessageDetail): Answer {
  const { t, lang, settings } = scope
  const about = describeStatus(message.status.code, lang)
  return {
    title: t.messageTitle(message.id),
    tone: message.final ? toneOfGroup(about.group) : 'info',
    text: message.final ? `${about.meaning} ${about.action}` : t.notFinalYet,
    fields: [
      { label: t.to, value: message.recipient },
      { label: t.from, value: message.sender },
      { label: t.status, value: `${message.status.code} ${message.status.name}` },
      { label: t.created, value: formatTime(message.createdAt, settings.timeZone) },
      { label: t.segments, value: String(message.segments) },
      { label: t.price, value: formatAmount(message.price, lang) },
    ],
    list: message.statuses.map(
      (step) =>
        `${formatTime(step.at, settings.timeZone)} · ${step.code} ${step.name}${step.detail ? ` — ${step.detail}` : ''}`,
    ),
    private: true,
  }
}

export async function statusOfNumber(scope: Scope, number: string): Promise<Answer> {
  const { t, settings } = scope
  const page = await scope.desk.messages.list(scope.accountId, { recipient: number, limit: LATEST_TO_NUMBER })
  if (page.items.length === 0)
    return { title: t.numberTitle(number), tone: 'info', text: t.numberNone(number), private: true }
  return {
    title: t.numberTitle(page.items[0]?.recipient ?? number),
    tone: 'info',
    list: page.items.map(
      (m) =>
        `${formatTime(m.createdAt, settings.timeZone)} · ${m.status.code} ${m.status.name} · ${m.id} · “${clip(m.body, 40)}”`,
    ),
    private: true,
  }
}

export async function statusOfBatch(scope: Scope, id: string): Promise<Answer> {
  try {
    return {
      ...(await batchAnswer(scope.desk, scope.accountId, id, scope.lang, scope.settings)),
      private: true,
    }
  } catch (err) {
    if (isDeskError(err) && err.code === 'NotFound')
      return { title: scope.t.problemTitle, tone: 'warning', text: scope.t.notFound(id), private: true }
    throw err
  }
}

function clip(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
