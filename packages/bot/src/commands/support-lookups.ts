/** What support staff look up across accounts: a message, a number, an account — each look-up audited. */

import type { Account, OperatorMessage } from '@smsdesk/core'
import { describeStatus } from '@smsdesk/core/status'
import { CONVERSATION_TEXTS } from '../i18n/conversation.ts'
import { formatAmount, formatTime } from '../i18n/index.ts'
import type { Answer } from './answer.ts'
import { toneOfGroup } from './lookup.ts'
import { numberTimeline } from './number-timeline.ts'
import type { SupportScope } from './support-scope.ts'

const DAY_MS = 86_400_000

/** Any account's message: its account beside the history, and what each code means. */
export async function supportMessage(scope: SupportScope, id: string): Promise<Answer> {
  const { t, s, lang, settings } = scope
  let message: OperatorMessage
  try {
    message = await scope.desk.operator.messages.get(id)
  } catch (err) {
    await scope.audit('chat status', null, id)
    if ((err as { code?: string }).code === 'NotFound')
      return { title: t.problemTitle, tone: 'warning', text: t.notFound(id), private: true }
    throw err
  }
  await scope.audit('chat status', message.account.id, id)
  const about = describeStatus(message.status.code, lang)
  return {
    title: t.messageTitle(message.id),
    tone: message.final ? toneOfGroup(about.group) : 'info',
    text: message.final ? `${about.meaning} ${about.action}` : t.notFinalYet,
    fields: [
      { label: s.account, value: message.account.name },
      { label: s.customerNumber, value: message.account.customerNumber },
      { label: t.to, value: message.recipient },
      { label: t.from, value: message.sender },
      { label: t.status, value: `${message.status.code} ${message.status.name}` },
      { label: t.price, value: formatAmount(message.price, lang) },
    ],
    list: message.statuses.map(
      (step) =>
        `${formatTime(step.at, settings.timeZone)} · ${step.code} ${step.name} — ${describeStatus(step.code, lang).meaning}${step.detail ? ` (${step.detail})` : ''}`,
    ),
    note: s.messageNote,
    private: true,
  }
}

/** Every message to a number across accounts and its inbound SMS, newest first and paged, and where it is blocked. */
export async function supportNumber(scope: SupportScope, number: string, page: number): Promise<Answer> {
  const { s, lang, settings, prefix } = scope
  const c = CONVERSATION_TEXTS[lang]
  const who = (a: { name: string; customerNumber: string }) => `${a.name} (${a.customerNumber})`
  const accounts = new Set<string>()
  const blocked = await scope.desk.operator.messages.blockedIn(number)
  for (const b of blocked) accounts.add(b.account.id)
  const answer = await numberTimeline(
    {
      settings,
      prefix,
      title: s.numberTitle,
      none: s.numberNone,
      inboundLabel: s.inbound,
      outboundLabel: c.sentTo,
      blocklist: {
        label: s.blocked,
        value:
          blocked.length === 0
            ? s.notBlocked
            : blocked.map((b) => `${who(b.account)}: ${s.blockReasons[b.reason]}`).join('; '),
      },
      morePage: c.timelinePage,
      moreButton: c.moreButton,
      historyButton: c.historyButton,
    },
    {
      async messages(limit) {
        const found = await scope.desk.operator.messages.list({
          recipient: number,
          limit: Math.min(limit, 500),
        })
        return found.items.map((m) => {
          accounts.add(m.account.id)
          return { ...m, owner: who(m.account) }
        })
      },
      async inbound(limit) {
        const found = await scope.desk.operator.messages.inbound({
          from: number,
          limit: Math.min(limit, 500),
        })
        return found.map((i) => ({
          receivedAt: i.receivedAt,
          body: i.body,
          owner: i.account ? who(i.account) : '—',
        }))
      },
    },
    number,
    page,
  )
  await scope.audit('chat status number', accounts.size === 1 ? ([...accounts][0] ?? null) : null, number)
  return answer
}

/** An account by customer number (or id), else by name: its state, money, senders, campaign, numbers and last day. */
export async function supportAccount(scope: SupportScope, query: string): Promise<Answer> {
  const { t, s } = scope
  let account: Account
  try {
    account = await scope.desk.operator.accounts.find(query)
  } catch {
    const found = await scope.desk.operator.accounts.search(query)
    if (found.length !== 1) {
      await scope.audit('chat account', null, query)
      return found.length === 0
        ? { title: t.problemTitle, tone: 'warning', text: s.accountNotFound(query), private: true }
        : {
            title: s.accountsFound(found.length),
            tone: 'info',
            list: found.slice(0, 15).map((a) => `${a.customerNumber} · ${a.name} · ${s.states[a.status]}`),
            private: true,
          }
    }
    account = found[0] as Account
  }
  await scope.audit('chat account', account.id, query)
  return accountAnswer(scope, account)
}

async function accountAnswer(scope: SupportScope, account: Account): Promise<Answer> {
  const { s, lang, settings } = scope
  const since = new Date(scope.desk.clock.now().getTime() - DAY_MS)
  const [senders, counts] = await Promise.all([
    scope.desk.senders.list(account.id),
    scope.desk.operator.messages.countsSince(account.id, since),
  ])
  const byGroup = new Map<string, number>()
  for (const c of counts) {
    const group = describeStatus(c.code, lang).group ?? '?'
    byGroup.set(group, (byGroup.get(group) ?? 0) + c.count)
  }
  const campaign = !account.naCampaign
    ? s.campaignNone
    : account.naCampaignUntil
      ? s.campaignUntil(formatTime(account.naCampaignUntil, settings.timeZone))
      : s.campaignOpen
  const list = (items: string[]) => (items.length === 0 ? s.none : items.join(', '))
  return {
    title: `${account.name} (${account.customerNumber})`,
    tone: account.status === 'active' ? 'info' : 'warning',
    fields: [
      { label: s.state, value: s.states[account.status] },
      { label: s.balance, value: formatAmount(account.balance, lang) },
      { label: s.senders, value: list(senders.map((x) => `${x.sender} (${s.senderStates[x.status]})`)) },
      { label: s.campaign, value: campaign },
      { label: s.numbers, value: list(account.virtualNumbers) },
      { label: s.last24h, value: list([...byGroup].map(([group, n]) => `${group} ${n}`)) },
    ],
    private: true,
  }
}
