/** Linking a workspace to an account, who may do what in it, and its language. */

import type { ChatWorkspace, Lang, Role } from '@smsdesk/core'
import { DEFAULT_LANG, messages } from '../i18n/index.ts'
import type { Answer } from './answer.ts'
import { type CommandContext, commandPrefix, mentionOf } from './context.ts'
import type { Scope } from './scope.ts'

/**
 * Links the workspace to the key's account and gives the person the key's role. The key is only used to
 * find the account: it is not stored in chat tables and never appears in the reply.
 */
export async function connect(
  ctx: CommandContext,
  apiKey: string,
  current: ChatWorkspace | null,
): Promise<Answer> {
  const t = messages(current?.lang ?? DEFAULT_LANG)
  const principal = await ctx.desk.apiKeys.authenticate(apiKey)
  if (principal === null)
    return { title: t.problemTitle, tone: 'warning', text: t.connectBadKey, private: true }
  if (current !== null && current.accountId !== principal.accountId) {
    const role = await ctx.desk.chat.getMemberRole(ctx.platform, ctx.workspaceId, ctx.userId)
    // Someone holding another account's key must not take over a workspace its admins set up.
    if (role !== 'admin')
      return { title: t.connectTakenTitle, tone: 'warning', text: t.connectTaken, private: true }
  }
  const linked = await ctx.desk.chat.linkWorkspace(
    ctx.platform,
    ctx.workspaceId,
    principal.accountId,
    ctx.userId,
    principal.role,
  )
  const account = await ctx.desk.accounts.get(principal.accountId)
  const words = messages(linked.lang)
  return {
    title: words.connectedTitle,
    tone: 'success',
    text: words.connected(account.name, words.roles[principal.role], commandPrefix(ctx.platform)),
    note: words.connectNote,
    private: true,
  }
}

export async function grant(scope: Scope, userId: string, role: Role): Promise<Answer> {
  const { ctx, t } = scope
  await scope.desk.chat.setMemberRole(ctx.platform, ctx.workspaceId, userId, role)
  return {
    title: t.done,
    tone: 'success',
    text: t.granted(mentionOf(ctx, userId), t.roles[role]),
    private: false,
  }
}

export async function revoke(scope: Scope, userId: string): Promise<Answer> {
  const { ctx, t } = scope
  const removed = await scope.desk.chat.removeMember(ctx.platform, ctx.workspaceId, userId)
  const who = mentionOf(ctx, userId)
  return {
    title: t.done,
    tone: removed ? 'success' : 'info',
    text: removed ? t.revoked(who) : t.notAMember(who),
    private: false,
  }
}

export async function setLang(scope: Scope, lang: Lang): Promise<Answer> {
  await scope.desk.chat.setLang(scope.ctx.platform, scope.ctx.workspaceId, lang)
  const t = messages(lang)
  return { title: t.done, tone: 'success', text: t.langSet, private: false }
}
