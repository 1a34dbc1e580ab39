/** A support workspace's request, resolved once: the linking operator, the asker's role, the language, the audit. */

import type { Desk, Lang, OperatorRole, SupportWorkspace } from '@smsdesk/core'
import { type Messages, messages } from '../i18n/index.ts'
import { SUPPORT_TEXTS, type SupportTexts } from '../i18n/support.ts'
import { type CommandContext, commandPrefix, type HandlerSettings, settingsOf } from './context.ts'

export interface SupportScope {
  ctx: CommandContext
  desk: Desk
  workspace: SupportWorkspace
  /** Null for people nobody granted a role: they see nothing here. */
  role: OperatorRole | null
  lang: Lang
  t: Messages
  s: SupportTexts
  prefix: string
  settings: HandlerSettings
  /** One audit row for a look-up or action by the person asking. */
  audit(action: string, accountId: string | null, target: string): Promise<void>
}

export async function supportScopeOf(
  ctx: CommandContext,
  workspace: SupportWorkspace,
): Promise<SupportScope> {
  const role = await ctx.desk.operator.workspaces.memberRole(ctx.platform, ctx.workspaceId, ctx.userId)
  return {
    ctx,
    desk: ctx.desk,
    workspace,
    role,
    lang: workspace.lang,
    t: messages(workspace.lang),
    s: SUPPORT_TEXTS[workspace.lang],
    prefix: commandPrefix(ctx.platform),
    settings: settingsOf(ctx),
    async audit(action, accountId, target) {
      await ctx.desk.audit.record({
        operatorId: workspace.operatorId,
        operatorName: `${ctx.platform} user ${ctx.userId} (support workspace of ${workspace.operatorName})`,
        action,
        accountId,
        target,
        via: ctx.platform,
        origin: `${ctx.platform}:${ctx.workspaceId}/${ctx.userId}`,
      })
    },
  }
}
