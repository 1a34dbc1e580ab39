/** `templates`, `template save|delete`, `scheduled` and `cancel`: what a team needs besides sending now. */

import { CANCELABLE_CODES, type MessageSummary, money } from '@smsdesk/core'
import { formatAmount, formatTime } from '../i18n/index.ts'
import { COMPOSE_TEXTS } from '../i18n/later.ts'
import type { Answer } from './answer.ts'
import type { Scope } from './scope.ts'

const MAX_LISTED = 20

export async function listTemplates(scope: Scope): Promise<Answer> {
  const c = COMPOSE_TEXTS[scope.lang]
  const items = await scope.desk.templates.list(scope.accountId)
  if (items.length === 0)
    return { title: c.templatesTitle(0), tone: 'info', text: c.templatesNone(scope.prefix), private: true }
  return {
    title: c.templatesTitle(items.length),
    tone: 'info',
    list: items.map((tpl) => `template:${tpl.name} — ${tpl.body}`),
    private: true,
  }
}

export async function saveTemplate(scope: Scope, name: string, body: string): Promise<Answer> {
  const c = COMPOSE_TEXTS[scope.lang]
  const saved = await scope.desk.templates.save(scope.accountId, { name, body })
  return {
    title: scope.t.done,
    tone: 'success',
    text: c.templateSaved(saved.name, saved.placeholders),
    fields: [{ label: c.text, value: saved.body }],
    private: true,
  }
}

export async function deleteTemplate(scope: Scope, name: string): Promise<Answer> {
  await scope.desk.templates.delete(scope.accountId, name)
  return {
    title: scope.t.done,
    tone: 'success',
    text: COMPOSE_TEXTS[scope.lang].templateDeleted(name),
    private: true,
  }
}

/** What is funded and waiting for its time, soonest first. */
export async function listScheduled(scope: Scope): Promise<Answer> {
  const c = COMPOSE_TEXTS[scope.lang]
  const now = scope.desk.clock.now().getTime()
  const page = await scope.desk.messages.list(scope.accountId, { status: 103, limit: 500 })
  const waiting = page.items.filter((m) => m.sendAt.getTime() > now).sort((a, b) => +a.sendAt - +b.sendAt)
  if (waiting.length === 0)
    return { title: c.scheduledTitle(0), tone: 'info', text: c.scheduledNone, private: true }
  const zone = scope.settings.timeZone
  return {
    title: c.scheduledTitle(waiting.length),
    tone: 'info',
    list: waiting
      .slice(0, MAX_LISTED)
      .map((m) => c.scheduledItem(formatTime(m.sendAt, zone), m.recipient, m.id, m.batchId)),
    ...(waiting.length > MAX_LISTED ? { note: scope.t.contactsMore } : {}),
    private: true,
  }
}

/** Cancels one message, or every waiting message of a batch, and says how much went back. */
export async function cancelById(scope: Scope, id: string): Promise<Answer> {
  const c = COMPOSE_TEXTS[scope.lang]
  const targets = id.startsWith('bat_') ? await batchMessages(scope, id) : null
  const canceled: MessageSummary[] = []
  let refused = 0
  if (targets === null) canceled.push(await scope.desk.messages.cancel(scope.accountId, id))
  else
    for (const m of targets) {
      if (!CANCELABLE_CODES.includes(m.status.code)) {
        if (!m.final || m.status.code !== 203) refused++
        continue
      }
      canceled.push(await scope.desk.messages.cancel(scope.accountId, m.id))
    }
  if (canceled.length === 0)
    return { title: scope.t.problemTitle, tone: 'warning', text: c.nothingToCancel(id), private: true }
  const currency = canceled[0]?.price.currency ?? 'SEK'
  const refund = money(
    canceled.reduce((sum, m) => sum + m.price.amount, 0),
    currency,
  )
  const balance = await scope.desk.ledger.balance(scope.accountId)
  return {
    title: c.canceledTitle,
    tone: 'success',
    text: [
      c.canceled(canceled.length, formatAmount(refund, scope.lang)),
      refused > 0 ? c.notCanceled(refused) : '',
    ]
      .filter((x) => x !== '')
      .join(' '),
    fields: [{ label: scope.t.balance, value: formatAmount(balance, scope.lang) }],
    private: false,
  }
}

async function batchMessages(scope: Scope, batchId: string): Promise<MessageSummary[]> {
  const all: MessageSummary[] = []
  let cursor: string | undefined
  do {
    const page = await scope.desk.messages.list(scope.accountId, {
      batchId,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    })
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  if (all.length === 0) await scope.desk.messages.batchSummary(scope.accountId, batchId)
  return all
}
