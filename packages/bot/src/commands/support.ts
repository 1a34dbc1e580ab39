/** Support workspaces: linking with an operator key, the commands support staff have there, and booking credit. */

import { type ChatWorkspace, isOperatorRole, OPERATOR_KEY_PREFIX, type SupportWorkspace } from '@smsdesk/core'
import { DEFAULT_LANG, formatAmount, messages } from '../i18n/index.ts'
import { SUPPORT_TEXTS } from '../i18n/support.ts'
import type { Answer } from './answer.ts'
import type { Command } from './command.ts'
import { type CommandContext, commandPrefix, mentionOf } from './context.ts'
import { codeLookup, faqSearch } from './lookup.ts'
import { FAQ_REPORT_WORDS, supportFaqReport } from './support-faq-report.ts'
import { supportAccount, supportMessage, supportNumber } from './support-lookups.ts'
import { type SupportScope, supportScopeOf } from './support-scope.ts'

/** Whether a `connect` key is an operator key (it links a support workspace, not an account). */
export function isOperatorKeyText(key: string): boolean {
  return key.startsWith(OPERATOR_KEY_PREFIX)
}

/** Links the workspace as a support workspace under the key's operator; the key is neither stored nor shown. */
export async function connectSupport(
  ctx: CommandContext,
  key: string,
  accountWorkspace: ChatWorkspace | null,
  current: SupportWorkspace | null,
): Promise<Answer> {
  const lang = current?.lang ?? accountWorkspace?.lang ?? DEFAULT_LANG
  const t = messages(lang)
  const s = SUPPORT_TEXTS[lang]
  if (accountWorkspace !== null)
    return { title: t.connectTakenTitle, tone: 'warning', text: s.operatorKeyElsewhere, private: true }
  const operator = await ctx.desk.operator.staff.authenticate(key)
  if (operator === null)
    return { title: t.problemTitle, tone: 'warning', text: t.connectBadKey, private: true }
  if (current !== null) {
    const role = await ctx.desk.operator.workspaces.memberRole(ctx.platform, ctx.workspaceId, ctx.userId)
    if (role !== 'operator')
      return { title: t.connectTakenTitle, tone: 'warning', text: t.connectTaken, private: true }
  }
  const linked = await ctx.desk.operator.workspaces.link(
    ctx.platform,
    ctx.workspaceId,
    operator.operatorId,
    ctx.userId,
    operator.role,
  )
  if (ctx.channelReference)
    await ctx.desk.operator.workspaces.setSupportChannel(ctx.platform, ctx.workspaceId, ctx.channelReference)
  await ctx.desk.audit.record({
    operatorId: operator.operatorId,
    operatorName: operator.name,
    action: 'chat connect support workspace',
    target: `${ctx.platform}:${ctx.workspaceId}`,
    via: ctx.platform,
    origin: `${ctx.platform}:${ctx.workspaceId}/${ctx.userId}`,
  })
  return {
    title: s.connectedTitle,
    tone: 'success',
    text: s.connected(linked.operatorName, s.roles[operator.role], commandPrefix(ctx.platform)),
    note: t.connectNote,
    private: true,
  }
}

/** A command in a support workspace. People without a role there get nothing but that answer. */
export async function answerSupport(
  ctx: CommandContext,
  workspace: SupportWorkspace,
  command: Exclude<Command, { kind: 'help' | 'connect' }>,
): Promise<Answer> {
  const scope = await supportScopeOf(ctx, workspace)
  const { t, s } = scope
  const refuse = (text: string): Answer => ({ title: t.forbiddenTitle, tone: 'warning', text, private: true })
  if (scope.role === null) return refuse(s.noRole)
  const operatorOnly = scope.role === 'operator' ? null : refuse(s.operatorOnly)
  switch (command.kind) {
    case 'status-message':
    case 'status-batch':
      return supportMessage(scope, command.id)
    case 'status-number':
      return supportNumber(scope, command.number, command.page)
    case 'account':
      return supportAccount(scope, command.query)
    case 'credit':
      return operatorOnly ?? (await proposeCredit(scope, command))
    case 'code':
      return codeLookup(scope, command.query)
    case 'faq':
      if (FAQ_REPORT_WORDS.has(command.question.trim().toLowerCase())) return supportFaqReport(scope)
      return faqSearch(scope, command.question)
    case 'grant':
      if (operatorOnly) return operatorOnly
      if (!isOperatorRole(command.role))
        return { title: t.problemTitle, tone: 'warning', text: s.rolesHere, private: true }
      await scope.desk.operator.workspaces.setMemberRole(
        ctx.platform,
        ctx.workspaceId,
        command.userId,
        command.role,
      )
      return {
        title: t.done,
        tone: 'success',
        text: t.granted(mentionOf(ctx, command.userId), s.roles[command.role]),
        private: false,
      }
    case 'revoke': {
      if (operatorOnly) return operatorOnly
      const removed = await scope.desk.operator.workspaces.removeMember(
        ctx.platform,
        ctx.workspaceId,
        command.userId,
      )
      const who = mentionOf(ctx, command.userId)
      return {
        title: t.done,
        tone: removed ? 'success' : 'info',
        text: removed ? t.revoked(who) : t.notAMember(who),
        private: false,
      }
    }
    case 'lang':
      if (operatorOnly) return operatorOnly
      await scope.desk.operator.workspaces.setLang(ctx.platform, ctx.workspaceId, command.lang)
      return { title: t.done, tone: 'success', text: messages(command.lang).langSet, private: false }
    case 'send':
    case 'balance':
    case 'contacts':
    case 'block':
    case 'unblock':
    case 'optout':
    case 'templates':
    case 'template-save':
    case 'template-delete':
    case 'scheduled':
    case 'cancel':
      return { title: t.problemTitle, tone: 'info', text: s.accountOnly, private: true }
  }
}

/** Asks before booking: the button carries the credit itself, and the reference makes a second click harmless. */
async function proposeCredit(
  scope: SupportScope,
  command: Extract<Command, { kind: 'credit' }>,
): Promise<Answer> {
  const { s, lang } = scope
  const account = await scope.desk.operator.accounts.find(command.account)
  await scope.audit('chat credit asked', account.id, command.reference)
  const value = [account.id, command.amount, command.reference].join(' ')
  return {
    title: s.creditTitle,
    tone: 'info',
    text: s.creditConfirm(
      formatAmount({ amount: command.amount, currency: account.currency }, lang),
      `${account.name} (${account.customerNumber})`,
      command.reference,
    ),
    buttons: [
      { action: 'confirm_credit', label: s.confirmButton, value, style: 'primary' },
      { action: 'cancel_credit', label: s.cancelButton, value, style: 'danger' },
    ],
    private: true,
  }
}

/** A click on Book or Cancel: the clicker must hold the operator role in this support workspace now. */
export async function answerCreditButton(
  ctx: CommandContext,
  workspace: SupportWorkspace,
  action: 'confirm_credit' | 'cancel_credit',
  value: string,
): Promise<Answer> {
  const scope = await supportScopeOf(ctx, workspace)
  const { t, s, lang } = scope
  if (action === 'cancel_credit')
    return { title: t.done, tone: 'info', text: s.creditCanceled, private: true }
  if (scope.role !== 'operator')
    return { title: t.forbiddenTitle, tone: 'warning', text: s.operatorOnly, private: true }
  const [accountId = '', amountText = '', reference = ''] = value.split(' ')
  const amount = Number(amountText)
  const account = await scope.desk.operator.accounts.find(accountId)
  const result = await scope.desk.ledger.credit(account.id, {
    amount,
    reference,
    note: `${ctx.platform} ${ctx.userId}`,
  })
  await scope.audit('chat credit', account.id, reference)
  const balance = formatAmount(result.balance, lang)
  return {
    title: t.done,
    tone: 'success',
    text: result.replayed
      ? s.creditReplayed(reference, balance)
      : s.creditBooked(
          formatAmount(result.entry.amount, lang),
          `${account.name} (${account.customerNumber})`,
          balance,
        ),
    private: true,
  }
}
