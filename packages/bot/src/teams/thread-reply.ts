/**
 * Which send a Teams message answers: a reply to the send's card, a message in the channel thread the card starts,
 * or a message in the channel thread the send was asked for in (where the card and the inbound SMS are posted).
 */

import type { ChatThread, Desk } from '@smsdesk/core'
import type { Activity } from 'botbuilder'

const THREAD_MARK = ';messageid='

/**
 * The send whose card `activity` answers: a reply pointing at the card (`replyToId`), a message in a channel thread
 * whose first message is the card (`conversation.id` ending in `;messageid=<card id>`), or a message in the channel
 * thread where the newest send was asked for (the same `conversation.id` as its card). Null otherwise.
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
  const byRoot = root ? await desk.chat.threadByRef('teams', conversation.slice(0, mark), root) : null
  // A personal chat has no threads: only a channel thread's conversation id says which thread it is.
  return byRoot ?? (await desk.chat.latestThreadIn('teams', conversation))
}

/** A channel's conversation id without the `;messageid=` of the thread a message is in. */
export function channelOf(conversationId: string): string {
  const mark = conversationId.indexOf(THREAD_MARK)
  return mark < 0 ? conversationId : conversationId.slice(0, mark)
}

/** The id of the message whose thread `activity` is in: the conversation id's `;messageid=`, else its `replyToId`. */
export function threadRootOf(activity: Pick<Activity, 'conversation' | 'replyToId'>): string | null {
  const id = activity.conversation.id
  const mark = id.indexOf(THREAD_MARK)
  const root = mark < 0 ? '' : id.slice(mark + THREAD_MARK.length)
  return root || activity.replyToId || null
}
