/**
 * Teams replies to a send's card go back as SMS, as Slack thread replies do: finds the send a message answers and
 * sends it to the number that last wrote (or the send's only recipient) for people allowed to send.
 */

import { type ChatThread, can, type Desk } from '@smsdesk/core'
import type { Activity, TurnContext } from 'botbuilder'
import { sendThreadReply } from '../commands/actions.ts'
import type { CommandContext } from '../commands/context.ts'
import { messages } from '../i18n/index.ts'
import type { ReplyRouter } from '../progress/replies.ts'
import { answerToText } from '../render/text.ts'

const THREAD_MARK = ';messageid='

/**
 * The send whose card `activity` answers: a reply pointing at the card (`replyToId`), or a message in a channel
 * thread whose first message is the card (`conversation.id` ending in `;messageid=<card id>`). Null otherwise.
 */
export async function threadRepliedTo(
  desk: Desk,
  activity: Pick<Activity, 'conversation' | 'replyToId'>,
): Promise<ChatThread | null> {
  const conversation = activity.conversation.id
  if (activity.replyToId) {
    const byReply = await desk.chat.threadByRef('teams', conversation, activity.replyToId)
    if (byReply) return byReply
  }
  const mark = conversation.indexOf(THREAD_MARK)
  if (mark < 0) return null
  const root = conversation.slice(mark + THREAD_MARK.length)
  return root ? desk.chat.threadByRef('teams', conversation.slice(0, mark), root) : null
}

/**
 * Sends the text of a reply to `thread` as SMS and says so in the conversation. False when the reply is not ours
 * to send (another tenant, a person without the send role, no text), so the caller reads it as a command instead.
 */
export async function replyToThreadAsSms(
  turn: TurnContext,
  ctx: CommandContext,
  thread: ChatThread,
  body: string,
  replies: ReplyRouter,
): Promise<boolean> {
  if (!body || thread.workspaceId !== ctx.workspaceId) return false
  const workspace = await ctx.desk.chat.getWorkspace('teams', thread.workspaceId)
  const role = workspace && (await ctx.desk.chat.getMemberRole('teams', thread.workspaceId, ctx.userId))
  if (!workspace || !role || !can(role, 'send')) return false
  const t = messages(workspace.lang)
  const target = await replies.replyTarget(thread, workspace.accountId)
  if (!target) {
    await turn.sendActivity(t.replyNoNumber)
    return true
  }
  const result = await sendThreadReply(ctx, { number: target.number, body, sender: target.sender })
  if (result.sent) await turn.sendActivity(t.replySent(result.number))
  else if (result.answer) await turn.sendActivity(answerToText(result.answer))
  return true
}
