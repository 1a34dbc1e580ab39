/**
 * Widget support conversations in Slack: each new one is posted to `SUPPORT_CHANNEL`, customer follow-ups land in
 * its thread, staff thread replies go back to the customer (`#note` stays internal), Resolve / Reopen update it.
 */
import type { App } from '@slack/bolt'
import type { Desk, Lang, SupportConversation } from '@smsdesk/core'
import {
  faqDraftInThread,
  followCustomerMessages,
  isSupportChatAction,
  supportChannelAnswer,
  supportStatusClick,
  supportThreadReply,
} from '../commands/support-chat.ts'
import type { SlackConfig } from '../config.ts'
import { SUPPORT_CHAT_TEXTS } from '../i18n/support-chat.ts'
import { answerToBlocks, escapeMrkdwn } from '../render/slack.ts'
import type { SlackClients, SlackWebClient } from './clients.ts'
import { slackToPlainText } from './text.ts'

interface SupportChatDeps {
  desk: Desk
  app: App
  clients: SlackClients
  channel: NonNullable<SlackConfig['supportChannel']>
  log: (message: string, err?: unknown) => void
}

/** The staff member's name as the customer sees it; their Slack display name when Slack tells it. */
async function staffNameOf(client: SlackWebClient, userId: string): Promise<string> {
  try {
    const info = await client.users.info({ user: userId })
    const profile = info.user?.profile
    return profile?.display_name || profile?.real_name || info.user?.real_name || 'Support'
  } catch {
    return 'Support'
  }
}

export function registerSupportChat(deps: SupportChatDeps): () => void {
  const { desk, app, clients, channel, log } = deps
  const team = channel.teamId ?? ''
  const langOf = async (): Promise<Lang> =>
    (await desk.operator.workspaces.get('slack', team).catch(() => null))?.lang ?? 'sv'

  const postNew = async (conversation: SupportConversation, question: string) => {
    const lang = await langOf()
    const message = answerToBlocks(await supportChannelAnswer(desk, conversation, question, lang))
    await clients.withTeam(team, async (client) => {
      const posted = await client.chat.postMessage({
        channel: channel.channel,
        text: message.text,
        blocks: message.blocks,
      })
      if (posted.ts)
        await desk.support.linkThread(conversation.id, {
          platform: 'slack',
          channel: posted.channel ?? channel.channel,
          ts: posted.ts,
        })
    })
  }
  const postFollowUp = async (conversation: SupportConversation, text: string) => {
    const thread = conversation.thread
    if (thread?.platform !== 'slack') return
    const s = SUPPORT_CHAT_TEXTS[await langOf()]
    await clients.withTeam(team, (client) =>
      client.chat.postMessage({
        channel: thread.channel,
        thread_ts: thread.ts,
        text: `*${s.customerWrote}:* ${escapeMrkdwn(text)}`,
      }),
    )
  }

  const off = followCustomerMessages(desk, { newConversation: postNew, followUp: postFollowUp }, (err) =>
    log('could not post a support conversation to Slack', err),
  )

  app.event('message', async ({ event, client }) => {
    const e = event as unknown as Record<string, string | undefined>
    if (e.subtype !== undefined || e.bot_id !== undefined || !e.user || !e.channel || !e.ts || !e.text) return
    if (!e.thread_ts || e.thread_ts === e.ts) return
    const conversation = await desk.support.findByThread({
      platform: 'slack',
      channel: e.channel,
      ts: e.thread_ts,
    })
    if (!conversation) return
    const plain = slackToPlainText(e.text)
    const staffName = await staffNameOf(client, e.user)
    // A command to the desk, not an answer: it never reaches the customer.
    const ack = await faqDraftInThread(desk, conversation.id, plain, staffName, await langOf())
    if (ack !== null) {
      await client.chat.postMessage({ channel: e.channel, thread_ts: e.thread_ts, text: escapeMrkdwn(ack) })
      return
    }
    const answer = await supportThreadReply(desk, conversation.id, plain, staffName, await langOf())
    // The channel message shows who answered.
    if (!answer) return
    const blocks = answerToBlocks(answer)
    await client.chat.update({
      channel: e.channel,
      ts: e.thread_ts,
      text: blocks.text,
      blocks: blocks.blocks,
    })
  })

  app.action(/^support_(resolve|reopen)$/, async ({ ack, body, action, client }) => {
    await ack()
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return
    const choice = action.action_id
    if (!isSupportChatAction(choice)) return
    const conversation = await desk.support.get(action.value ?? '').catch(() => null)
    const thread = conversation?.conversation.thread
    if (!conversation || !thread) return
    const staffName = await staffNameOf(client, body.user.id)
    const answer = answerToBlocks(
      await supportStatusClick(desk, choice, conversation.conversation.id, staffName, await langOf()),
    )
    await client.chat.update({
      channel: thread.channel,
      ts: thread.ts,
      text: answer.text,
      blocks: answer.blocks,
    })
  })

  return off
}
