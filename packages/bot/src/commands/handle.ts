/** `handleCommand`: the one way in for both platforms — a parsed command and who asked, a neutral answer out. */

import { randomBytes } from 'node:crypto'
import { type ChatWorkspace, can, isDeskError, isRole } from '@smsdesk/core'
import { DEFAULT_LANG, messages } from '../i18n/index.ts'
import { SUPPORT_TEXTS } from '../i18n/support.ts'
import type { Answer } from './answer.ts'
import { blockNumber, unblockNumber } from './blocklist.ts'
import type { Command, ParseResult } from './command.ts'
import { type CommandContext, commandPrefix, settingsOf } from './context.ts'
import { helpAnswer, problemAnswer } from './help.ts'
import { cancelById, deleteTemplate, listScheduled, listTemplates, saveTemplate } from './later.ts'
import { balance, codeLookup, contactSearch, faqSearch } from './lookup.ts'
import { optOutSettings } from './opt-out.ts'
import { type Scope, scopeOf } from './scope.ts'
import { startSend } from './send.ts'
import { statusOfBatch, statusOfMessage, statusOfNumber } from './status.ts'
import { answerSupport, connectSupport, isOperatorKeyText } from './support.ts'
import { connect, grant, revoke, setLang } from './workspace.ts'

/** Answers a command (or a parse problem) for the person in `ctx`. Never throws: failures become answers. */
export async function handleCommand(ctx: CommandContext, input: ParseResult | Command): Promise<Answer> {
  const parsed: ParseResult = 'ok' in input ? input : { ok: true, command: input }
  let lang = DEFAULT_LANG
  try {
    const [workspace, support] = await Promise.all([
      ctx.desk.chat.getWorkspace(ctx.platform, ctx.workspaceId),
      ctx.desk.operator.workspaces.get(ctx.platform, ctx.workspaceId),
    ])
    lang = workspace?.lang ?? support?.lang ?? lang
    const t = messages(lang)
    const prefix = commandPrefix(ctx.platform)
    if (!parsed.ok) return problemAnswer(parsed.problem, t, prefix)
    const command = parsed.command
    if (command.kind === 'help')
      return helpAnswer(command.topic, t, prefix, workspace === null && support === null)
    if (command.kind === 'connect') {
      if (isOperatorKeyText(command.apiKey))
        return await connectSupport(ctx, command.apiKey, workspace, support)
      // A support workspace never turns into one account's workspace by someone pasting that account's key.
      if (support !== null)
        return { title: t.connectTakenTitle, tone: 'warning', text: t.connectTaken, private: true }
      return await connect(ctx, command.apiKey, workspace)
    }
    if (support !== null) return await answerSupport(ctx, support, command)
    if (workspace === null) {
      // Public knowledge answers before linking; anything reading or changing an account needs `connect`.
      if (command.kind === 'code') return codeLookup({ t, lang }, command.query)
      if (command.kind === 'faq') return faqSearch({ t, lang, settings: settingsOf(ctx) }, command.question)
      return { title: t.notLinkedTitle, tone: 'warning', text: t.notLinked(prefix), private: true }
    }
    const scope = await scopeOf(ctx, workspace)
    return await answerLinked(scope, command)
  } catch (err) {
    return failureAnswer(err, lang)
  }
}

async function answerLinked(
  scope: Scope,
  command: Exclude<Command, { kind: 'help' | 'connect' }>,
): Promise<Answer> {
  const { t } = scope
  const s = SUPPORT_TEXTS[scope.lang]
  const needs = (action: 'send' | 'edit_contacts' | 'manage_users'): Answer | null =>
    can(scope.role, action)
      ? null
      : {
          title: t.forbiddenTitle,
          tone: 'warning',
          text: action === 'manage_users' ? t.forbiddenAdmin : t.forbiddenSend(t.roles[scope.role]),
          private: true,
        }
  switch (command.kind) {
    case 'send':
      return needs('send') ?? (await startSend(scope, command))
    case 'status-message':
      return statusOfMessage(scope, command.id)
    case 'status-number':
      return statusOfNumber(scope, command.number, command.page)
    case 'status-batch':
      return statusOfBatch(scope, command.id)
    case 'balance':
      return balance(scope)
    case 'optout':
      return optOutSettings(scope)
    case 'code':
      return codeLookup(scope, command.query)
    case 'contacts':
      return contactSearch(scope, command.search)
    case 'faq':
      return faqSearch(scope, command.question)
    case 'block':
      return needs('edit_contacts') ?? (await blockNumber(scope, command.number))
    case 'unblock':
      return needs('edit_contacts') ?? (await unblockNumber(scope, command.number))
    case 'grant':
      if (!isRole(command.role))
        return { title: t.problemTitle, tone: 'warning', text: s.accountRoles, private: true }
      return needs('manage_users') ?? (await grant(scope, command.userId, command.role))
    case 'revoke':
      return needs('manage_users') ?? (await revoke(scope, command.userId))
    case 'lang':
      return needs('manage_users') ?? (await setLang(scope, command.lang))
    case 'templates':
      return listTemplates(scope)
    case 'template-save':
      return needs('send') ?? (await saveTemplate(scope, command.name, command.body))
    case 'template-delete':
      return needs('send') ?? (await deleteTemplate(scope, command.name))
    case 'scheduled':
      return listScheduled(scope)
    case 'cancel':
      return needs('send') ?? (await cancelById(scope, command.id))
    case 'account':
    case 'credit':
      // An account's workspace never reaches another account: these exist only in support workspaces.
      return { title: t.forbiddenTitle, tone: 'warning', text: s.onlyInSupport(scope.prefix), private: true }
  }
}

/** Domain refusals are explained; anything else is logged with a reference and never shown raw. */
export function failureAnswer(err: unknown, lang: ChatWorkspace['lang']): Answer {
  const t = messages(lang)
  if (isDeskError(err)) {
    switch (err.code) {
      case 'NotFound':
        return { title: t.problemTitle, tone: 'warning', text: t.refused(err.message), private: true }
      case 'Forbidden':
      case 'Unauthorized':
        return { title: t.forbiddenTitle, tone: 'warning', text: t.refused(err.message), private: true }
      case 'InvalidSender':
      case 'InvalidContent':
      case 'InvalidRequest':
      case 'InsufficientFunds':
      case 'AccountSuspended':
      case 'Conflict':
      case 'IdempotencyConflict':
      case 'NotCancelable':
      case 'RateLimited':
        return { title: t.problemTitle, tone: 'warning', text: t.refused(err.message), private: true }
      case 'Unavailable':
        break
    }
  }
  const reference = `ref-${randomBytes(4).toString('hex')}`
  console.error(`smsdesk bot: command failed (${reference})`, err)
  return { title: t.problemTitle, tone: 'error', text: t.unexpectedError(reference), private: true }
}
