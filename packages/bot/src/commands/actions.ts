/** What happens after a command: button clicks on a confirmation, and replies typed in a send's thread. */

import { can } from '@smsdesk/core'
import { DEFAULT_LANG, messages } from '../i18n/index.ts'
import type { Answer, AnswerButton } from './answer.ts'
import { type CommandContext, commandPrefix } from './context.ts'
import { failureAnswer, handleCommand } from './handle.ts'
import { parseCommand } from './parse.ts'
import { scopeOf } from './scope.ts'
import { cancelSend, confirmSend } from './send.ts'
import { answerCreditButton } from './support.ts'

/**
 * A Send or Cancel click (only people allowed to send may confirm; anyone who sees Cancel may cancel), a Book
 * or Cancel click on a credit in a support workspace, or a look-up button (`run_command`: More, History).
 */
export async function handleButton(
  ctx: CommandContext,
  action: AnswerButton['action'],
  pendingId: string,
): Promise<Answer> {
  let lang = DEFAULT_LANG
  try {
    // A look-up button runs its command as if the person had typed it, with their own rights.
    if (action === 'run_command') return await handleCommand(ctx, parseCommand(pendingId))
    if (action === 'confirm_credit' || action === 'cancel_credit') {
      const support = await ctx.desk.operator.workspaces.get(ctx.platform, ctx.workspaceId)
      if (support !== null) {
        lang = support.lang
        return await answerCreditButton(ctx, support, action, pendingId)
      }
    }
    const workspace = await ctx.desk.chat.getWorkspace(ctx.platform, ctx.workspaceId)
    const t = messages(workspace?.lang ?? lang)
    if (workspace === null)
      return {
        title: t.notLinkedTitle,
        tone: 'warning',
        text: t.notLinked(commandPrefix(ctx.platform)),
        private: true,
      }
    lang = workspace.lang
    const scope = await scopeOf(ctx, workspace)
    if (action === 'cancel_send') return await cancelSend(scope, pendingId)
    if (action !== 'confirm_send')
      return { title: t.forbiddenTitle, tone: 'warning', text: t.notFound(pendingId), private: true }
    if (!can(scope.role, 'send'))
      return {
        title: t.forbiddenTitle,
        tone: 'warning',
        text: t.forbiddenSend(t.roles[scope.role]),
        private: true,
      }
    return await confirmSend(scope, pendingId)
  } catch (err) {
    return failureAnswer(err, lang)
  }
}

export type ThreadReplyResult =
  | { sent: true; batchId: string; number: string }
  | { sent: false; answer: Answer | null }

/**
 * A message typed in a send's thread goes out as SMS to `number`, from the original sender, if the person may
 * send. `answer` is null when the reply is simply not ours to act on (an unlinked workspace, a viewer's chat).
 */
export async function sendThreadReply(
  ctx: CommandContext,
  reply: { number: string; body: string; sender: string },
): Promise<ThreadReplyResult> {
  let lang = DEFAULT_LANG
  try {
    const workspace = await ctx.desk.chat.getWorkspace(ctx.platform, ctx.workspaceId)
    if (workspace === null) return { sent: false, answer: null }
    lang = workspace.lang
    const scope = await scopeOf(ctx, workspace)
    // People talk in threads; only those allowed to send have their words turned into SMS.
    if (!can(scope.role, 'send')) return { sent: false, answer: null }
    const result = await ctx.desk.messages.send(workspace.accountId, {
      sender: reply.sender,
      recipients: [reply.number],
      body: reply.body,
      source: ctx.platform,
      createdBy: `${ctx.platform}:${ctx.userId}`,
      ...(ctx.idempotencyKey === undefined ? {} : { idempotencyKey: ctx.idempotencyKey }),
    })
    return { sent: true, batchId: result.batchId, number: result.messages[0]?.recipient ?? reply.number }
  } catch (err) {
    return { sent: false, answer: failureAnswer(err, lang) }
  }
}
