/**
 * Text typed in a send's thread, on either platform: a command when the bot is mentioned first with a known verb,
 * otherwise an SMS to whoever last wrote into the thread (or the send's only recipient), for people allowed to send.
 */

import { type ChatThread, can } from '@smsdesk/core'
import { messages } from '../i18n/index.ts'
import type { ReplyRouter } from '../progress/replies.ts'
import { sendThreadReply } from './actions.ts'
import type { Answer } from './answer.ts'
import type { CommandContext } from './context.ts'
import { parseCommand } from './parse.ts'

/** Whether thread text is a command rather than an SMS: it starts with the bot's mention and then a known verb. */
export function isThreadCommand(text: string, mentionedFirst: boolean): boolean {
  if (!mentionedFirst) return false
  const parsed = parseCommand(text)
  return parsed.ok || (parsed.problem.code !== 'unknown_command' && parsed.problem.code !== 'empty')
}

/** What to say in the thread after a reply: a line of text, or an answer explaining a refusal. */
export type ThreadReplyOutcome = { kind: 'text'; text: string } | { kind: 'answer'; answer: Answer }

/**
 * Sends `body`, typed in `thread`, as SMS and says what to post back. Null when the reply is not ours to send (another
 * workspace's thread, an unlinked workspace, a person without the send role, no text): people talk in threads.
 */
export async function replyInThread(
  ctx: CommandContext,
  thread: ChatThread,
  body: string,
  replies: ReplyRouter,
): Promise<ThreadReplyOutcome | null> {
  if (!body || thread.workspaceId !== ctx.workspaceId || thread.platform !== ctx.platform) return null
  const workspace = await ctx.desk.chat.getWorkspace(ctx.platform, thread.workspaceId)
  const role = workspace && (await ctx.desk.chat.getMemberRole(ctx.platform, thread.workspaceId, ctx.userId))
  if (!workspace || !role || !can(role, 'send')) return null
  const t = messages(workspace.lang)
  const target = await replies.replyTarget(thread, workspace.accountId)
  if (!target) return { kind: 'text', text: t.replyNoNumber }
  const result = await sendThreadReply(ctx, { number: target.number, body, sender: target.sender })
  if (result.sent) return { kind: 'text', text: t.replySent(result.number) }
  return result.answer ? { kind: 'answer', answer: result.answer } : null
}
