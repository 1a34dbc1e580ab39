/** Read-only answers: balance, status codes, contacts and help articles (the last two need no linked account). */

import { describeStatus, lookupStatus } from '@smsdesk/core/status'
import { CONVERSATION_TEXTS } from '../i18n/conversation.ts'
import { formatAmount } from '../i18n/index.ts'
import type { Answer } from './answer.ts'
import type { HandlerSettings } from './context.ts'
import { findFaqAnswer } from './faq.ts'
import type { Scope } from './scope.ts'

export async function balance(scope: Scope): Promise<Answer> {
  const { t, lang } = scope
  const account = await scope.desk.accounts.get(scope.accountId)
  return {
    title: t.balanceTitle,
    tone: 'info',
    fields: [
      { label: t.account, value: account.name },
      { label: t.balance, value: formatAmount(account.balance, lang) },
    ],
    private: true,
  }
}

/** Any code is explained (unknown ones by their first digit); names and old Swedish names are looked up. */
export function codeLookup(scope: Pick<Scope, 't' | 'lang'>, query: string): Answer {
  const { t, lang } = scope
  const match = lookupStatus(query)
  const asNumber = /^\d{1,4}$/.test(query.trim()) ? Number(query.trim()) : null
  const code = match?.code ?? asNumber
  if (code === null)
    return { title: t.problemTitle, tone: 'warning', text: t.codeUnknown(query), private: true }
  const about = describeStatus(code, lang)
  const legacy = match?.legacy
  return {
    title: t.codeTitle(code, about.name ?? '?'),
    tone: toneOfGroup(about.group),
    text: legacy ? `${t.codeLegacy(legacy.name, code, about.name ?? '')} ${about.meaning}` : about.meaning,
    fields: [
      { label: t.group, value: about.group ?? '?' },
      { label: t.final, value: about.final === null ? '?' : about.final ? t.yes : t.no },
      { label: t.whatToDo, value: about.action },
    ],
    private: true,
  }
}

export function toneOfGroup(group: string | null): Answer['tone'] {
  if (group === 'Success') return 'success'
  if (group === 'Rejection' || group === 'Error') return 'error'
  return 'info'
}

const CONTACT_LIMIT = 15

export async function contactSearch(scope: Scope, search: string | null): Promise<Answer> {
  const { t } = scope
  const page = await scope.desk.contacts.list(scope.accountId, {
    ...(search === null ? {} : { search }),
    limit: CONTACT_LIMIT,
  })
  if (page.items.length === 0)
    return { title: t.contactsTitle(0), tone: 'info', text: t.contactsNone(search), private: true }
  return {
    title: t.contactsTitle(page.items.length),
    tone: 'info',
    list: page.items.map((c) => {
      const name = [c.firstName, c.lastName].filter(Boolean).join(' ')
      const groups = c.groups.length > 0 ? ` · ${c.groups.join(', ')}` : ''
      return `${name === '' ? '—' : name} · ${c.number}${groups}`
    }),
    ...(page.nextCursor === null ? {} : { note: t.contactsMore }),
    private: true,
  }
}

/** The best help article in full (or status answer), a link to its page, and the next best by title. */
export function faqSearch(
  scope: Pick<Scope, 't' | 'lang'> & { settings?: HandlerSettings },
  question: string,
): Answer {
  const { t, lang } = scope
  const found = findFaqAnswer(question, lang)
  if (found === null) return { title: t.faqTitle(question), tone: 'info', text: t.faqNone, private: true }
  const c = CONVERSATION_TEXTS[lang]
  const base = scope.settings?.publicUrl ?? null
  const link =
    base !== null && found.best.topic !== null
      ? `${base}/help/${lang}/${encodeURIComponent(found.best.topic)}`
      : null
  return {
    title: found.best.title,
    tone: 'info',
    text: found.best.text,
    ...(found.more.length > 0 ? { fields: [{ label: c.faqOthers, value: found.more.join('\n') }] } : {}),
    ...(link === null ? {} : { note: c.faqReadMore(link) }),
    private: true,
  }
}
