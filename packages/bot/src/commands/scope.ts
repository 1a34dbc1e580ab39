/** A linked workspace's request, resolved once: the account, the asker's role and the language. */

import type { ChatWorkspace, Desk, Lang, Role } from '@smsdesk/core'
import { type Messages, messages } from '../i18n/index.ts'
import { type CommandContext, commandPrefix, type HandlerSettings, settingsOf } from './context.ts'

export interface Scope {
  ctx: CommandContext
  desk: Desk
  workspace: ChatWorkspace
  accountId: string
  /** People nobody granted a role read only: a linked workspace is shared by the whole team. */
  role: Role
  lang: Lang
  t: Messages
  prefix: string
  settings: HandlerSettings
}

export async function scopeOf(ctx: CommandContext, workspace: ChatWorkspace): Promise<Scope> {
  const role = (await ctx.desk.chat.getMemberRole(ctx.platform, ctx.workspaceId, ctx.userId)) ?? 'viewer'
  return {
    ctx,
    desk: ctx.desk,
    workspace,
    accountId: workspace.accountId,
    role,
    lang: workspace.lang,
    t: messages(workspace.lang),
    prefix: commandPrefix(ctx.platform),
    settings: settingsOf(ctx),
  }
}
