/**
 * Widget support conversations in the Teams support channel (the channel a support workspace was linked from):
 * each new one is posted there as a card, customer follow-ups land in its thread, staff thread replies go back to
 * the customer (`#note` stays internal), and Resolve / Reopen update the card.
 */

import type { Desk, Lang, SupportConversation, SupportThread } from '@smsdesk/core'
import {
  type Activity,
  CardFactory,
  type ConversationReference,
  MessageFactory,
  TurnContext,
} from 'botbuilder'
import type { Answer } from '../commands/answer.ts'
import {
  faqDraftInThread,
  followCustomerMessages,
  supportChannelAnswer,
  supportStatusClick,
  supportThreadReply,
} from '../commands/support-chat.ts'
import { SUPPORT_CHAT_TEXTS } from '../i18n/support-chat.ts'
import { answerToCard } from '../render/teams.ts'
import { channelOf, threadRootOf } from './thread-reply.ts'

type ContinueIn = (
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>

interface TeamsSupportChatDeps {
  desk: Desk
  /** Runs `logic` as the bot in the referenced conversation (after checking its serviceUrl). */
  continueIn: ContinueIn
  log: (message: string, err?: unknown) => void
}

export interface TeamsSupportChat {
  /** The channel reference a support workspace linked from this activity keeps; undefined outside a channel. */
  channelReferenceOf(activity: Activity): string | undefined
  /** A message in a support conversation's thread: handled as a staff reply (true), or not one (false). */
  replyInThread(context: TurnContext, text: string): Promise<boolean>
  /** A Resolve or Reopen click: updates the channel card and returns it; null when the click is not for us. */
  statusClick(
    activity: Activity,
    action: 'support_resolve' | 'support_reopen',
    conversationId: string,
  ): Promise<Answer | null>
  stop(): void
}

const card = (answer: Answer) => MessageFactory.attachment(CardFactory.adaptiveCard(answerToCard(answer)))

export function createTeamsSupportChat(deps: TeamsSupportChatDeps): TeamsSupportChat {
  const { desk, continueIn, log } = deps

  const channelOfWorkspace = async () => {
    const workspace = await desk.operator.workspaces.withSupportChannel('teams')
    if (!workspace?.supportChannel) return null
    return {
      lang: workspace.lang,
      reference: JSON.parse(workspace.supportChannel) as Partial<ConversationReference>,
    }
  }
  const langOf = async (): Promise<Lang> => (await channelOfWorkspace())?.lang ?? 'sv'

  /** The support channel's reference, pointed at one conversation's thread root. */
  async function inThread(thread: SupportThread, logic: (context: TurnContext) => Promise<void>) {
    const channel = await channelOfWorkspace()
    if (!channel) return
    const conversation = {
      ...channel.reference.conversation,
      id: thread.channel,
    } as ConversationReference['conversation']
    await continueIn({ ...channel.reference, conversation, activityId: thread.ts }, async (context) => {
      // Replies go to the turn's activity id: the conversation's card, so they stay in its thread.
      context.activity.id = thread.ts
      await logic(context)
    })
  }

  const updateCard = (thread: SupportThread, answer: Answer) =>
    inThread(thread, async (context) => {
      await context.updateActivity({ ...card(answer), id: thread.ts })
    })

  async function postNew(conversation: SupportConversation, question: string) {
    const channel = await channelOfWorkspace()
    const conversationId = channel?.reference.conversation?.id
    if (!channel || !conversationId) return
    const answer = await supportChannelAnswer(desk, conversation, question, channel.lang)
    await continueIn(channel.reference, async (context) => {
      // A continuation turn has an id of its own: without it the card is a new post, not a reply to anything.
      context.activity.id = undefined
      const sent = await context.sendActivity(card(answer))
      if (sent?.id)
        await desk.support.linkThread(conversation.id, {
          platform: 'teams',
          channel: conversationId,
          ts: sent.id,
        })
    })
  }

  async function postFollowUp(conversation: SupportConversation, text: string) {
    const thread = conversation.thread
    if (thread?.platform !== 'teams') return
    const s = SUPPORT_CHAT_TEXTS[await langOf()]
    await inThread(thread, async (context) => {
      await context.sendActivity(MessageFactory.text(`**${s.customerWrote}:** ${text}`, text))
    })
  }

  const off = followCustomerMessages(desk, { newConversation: postNew, followUp: postFollowUp }, (err) =>
    log('could not post a support conversation to Teams', err),
  )

  return {
    channelReferenceOf(activity) {
      if (activity.conversation.conversationType !== 'channel') return undefined
      const reference = TurnContext.getConversationReference(activity)
      const { activityId: _, ...channel } = reference
      return JSON.stringify({
        ...channel,
        conversation: { ...reference.conversation, id: channelOf(activity.conversation.id) },
      })
    },

    async replyInThread(context, text) {
      const activity = context.activity
      const root = threadRootOf(activity)
      if (!root) return false
      const conversation = await desk.support.findByThread({
        platform: 'teams',
        channel: channelOf(activity.conversation.id),
        ts: root,
      })
      if (!conversation?.thread) return false
      const staffName = activity.from.name || 'Support'
      const ack = await faqDraftInThread(desk, conversation.id, text, staffName, await langOf())
      if (ack !== null) {
        // Posted into the same thread; the customer never sees the command.
        await context.sendActivity(ack)
        return true
      }
      const answer = await supportThreadReply(desk, conversation.id, text, staffName, await langOf())
      // The card shows who answered.
      if (answer) await updateCard(conversation.thread, answer)
      return true
    },

    async statusClick(activity, action, conversationId) {
      const found = await desk.support.get(conversationId).catch(() => null)
      const thread = found?.conversation.thread
      // Only a click from the support channel itself counts.
      if (!found || thread?.platform !== 'teams' || thread.channel !== channelOf(activity.conversation.id))
        return null
      const staffName = activity.from.name || 'Support'
      const answer = await supportStatusClick(desk, action, conversationId, staffName, await langOf())
      await updateCard(thread, answer)
      return answer
    },

    stop: off,
  }
}
