/** `status`: one message with its history, the latest messages to a number, or a whole send's counts. */

import { isDeskError, type MessageDetail, type MessageSummary } from '@smsdesk/core'
import { describeStatus } from '@smsdesk/core/status'
import { CONVERSATION_TEXTS } from '../i18n/conversation.ts'
import { formatAmount, formatTime } from '../i18n/index.ts'
import type { Answer } from './answer.ts'
import { toneOfGroup } from './lookup.ts'
import { numberTimeline } from './number-timeline.ts'
import { batchAnswer } from './progress.ts'
import type { Scope } from './scope.ts'

/** The store's largest page. */
const MAX_PAGE = 500

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

/** Every SMS to and from a number in this account, paged, with its blocklist state and why. */
export async function statusOfNumber(scope: Scope, number: string, page = 1): Promise<Answer> {
  const { desk, accountId, lang, settings, prefix } = scope
  const c = CONVERSATION_TEXTS[lang]
  const block = await desk.blocklist.get(accountId, number)
  return numberTimeline(
    {
      settings,
      prefix,
      title: c.timelineTitle,
      none: c.timelineNone,
      inboundLabel: c.receivedFrom,
      outboundLabel: c.sentTo,
      blocklist: {
        label: c.blocklist,
        value: block
          ? c.blockedBecause(c.blockReasons[block.reason], formatTime(block.createdAt, settings.timeZone))
          : c.notBlocked,
      },
      morePage: c.timelinePage,
      moreButton: c.moreButton,
      historyButton: c.historyButton,
    },
    {
      messages: (limit) => newestMessages(scope, number, limit),
      inbound: (limit) => desk.inbound.list(accountId, { from: number, limit: Math.min(limit, MAX_PAGE) }),
    },
    number,
    page,
  )
}

/** The newest `limit` messages to `number`, page by page (a deep `more` may pass one page's cap). */
async function newestMessages(scope: Scope, number: string, limit: number) {
  const found: MessageSummary[] = []
  let cursor: string | undefined
  while (found.length < limit) {
    const page = await scope.desk.messages.list(scope.accountId, {
      recipient: number,
      limit: Math.min(limit - found.length, MAX_PAGE),
      ...(cursor === undefined ? {} : { cursor }),
    })
    found.push(...page.items)
    if (page.nextCursor === null) break
    cursor = page.nextCursor
  }
  return found
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
