/** The Teams side: one turn handler over the command layer, answers as Adaptive Cards, proactive card updates. */

import type { ChatThread, Desk } from '@smsdesk/core'
import {
  type Activity,
  ActivityTypes,
  CardFactory,
  type ConversationReference,
  MessageFactory,
  TurnContext,
} from 'botbuilder'
import { handleButton } from '../commands/actions.ts'
import type { Answer } from '../commands/answer.ts'
import { composeForm, submitCompose } from '../commands/compose.ts'
import type { CommandContext, HandlerSettings } from '../commands/context.ts'
import { handleCommand } from '../commands/handle.ts'
import { parseCommand } from '../commands/parse.ts'
import { isSupportChatAction } from '../commands/support-chat.ts'
import { isThreadCommand, replyInThread } from '../commands/thread-reply.ts'
import type { TeamsConfig } from '../config.ts'
import { DEFAULT_LANG, messages } from '../i18n/index.ts'
import type { ReplyRouter } from '../progress/replies.ts'
import type { ProgressTracker } from '../progress/tracker.ts'
import { composeCard, readComposeSubmit } from '../render/compose.ts'
import { answerToCard, readCardSubmit } from '../render/teams.ts'
import { answerToText } from '../render/text.ts'
import { createTeamsAdapter, processWebRequest } from './adapter.ts'
import { isAllowedServiceUrl } from './gate.ts'
import { createTeamsSupportChat } from './support-chat.ts'
import { teamsToPlainText } from './text.ts'
import { threadRepliedTo } from './thread-reply.ts'

export interface TeamsBot {
  fetch(req: Request): Promise<Response>
  close(): Promise<void>
}

interface TeamsDeps {
  desk: Desk
  config: TeamsConfig
  settings: HandlerSettings
  tracker: ProgressTracker
  replies: ReplyRouter
  log: (message: string, err?: unknown) => void
}

export function createTeamsBot(deps: TeamsDeps): TeamsBot {
  const { desk, config, settings, tracker, replies, log } = deps
  const adapter = createTeamsAdapter(config)
  adapter.onTurnError = async (context, err) => {
    log('a Teams turn failed', err)
    // An invoke is answered in the HTTP response; anything else is told in the conversation.
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity(invokeResponse(500, null)).catch(() => {})
      return
    }
    await context.sendActivity(messages('sv').unexpectedError('teams')).catch(() => {})
  }
  const supportChat = createTeamsSupportChat({
    desk,
    continueIn: async (reference, logic) => {
      // Stored from a checked activity; checked again in case the allowed hosts changed since.
      if (!isAllowedServiceUrl(reference.serviceUrl, config)) return
      await adapter.continueConversationAsync(config.appId, reference, logic)
    },
    log,
  })

  async function track(context: TurnContext, answer: Answer, activityId: string, workspaceId: string) {
    if (!answer.track) return
    await desk.chat.saveThread({
      platform: 'teams',
      workspaceId,
      batchId: answer.track.batchId,
      channel: context.activity.conversation.id,
      messageRef: activityId,
      conversation: JSON.stringify(TurnContext.getConversationReference(context.activity)),
    })
    tracker.follow(answer.track.batchId)
  }

  function commandContext(activity: Activity, names: Map<string, string>): CommandContext {
    return {
      desk,
      platform: 'teams',
      workspaceId: tenantOf(activity),
      userId: activity.from.id,
      channel: activity.conversation.id,
      settings,
      mention: (id) => names.get(id) ?? id,
      idempotencyKey: `teams:${activity.conversation.id}:${activity.id ?? ''}`,
      channelReference: supportChat.channelReferenceOf(activity),
    }
  }

  /** Universal Actions (`Action.Execute`): the answer is the refreshed card, in the invoke's HTTP response. */
  async function onCardAction(context: TurnContext): Promise<void> {
    const activity = context.activity
    const action = (
      activity.value as { action?: { type?: string; verb?: string; data?: unknown } } | undefined
    )?.action
    const data = action?.data && typeof action.data === 'object' ? action.data : {}
    const submit = readCardSubmit({ smsdesk: action?.verb, ...data })
    if (action?.type !== 'Action.Execute' || !submit) {
      await context.sendActivity(invokeResponse(400, null))
      return
    }
    if (isSupportChatAction(submit.smsdesk)) {
      const updated = await supportChat.statusClick(activity, submit.smsdesk, submit.pendingId)
      await context.sendActivity(
        updated
          ? invokeResponse(200, {
              statusCode: 200,
              type: 'application/vnd.microsoft.card.adaptive',
              value: answerToCard(updated),
            })
          : invokeResponse(400, null),
      )
      return
    }
    const ctx = commandContext(activity, new Map())
    const answer = await handleButton(ctx, submit.smsdesk, submit.pendingId)
    await context.sendActivity(
      invokeResponse(200, {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: answerToCard(answer),
      }),
    )
    // The card that was clicked is now the send's live card: keep it current from here on.
    if (activity.replyToId) await track(context, answer, activity.replyToId, ctx.workspaceId)
  }

  /** The bot was added to a chat, team or channel: a short card saying how to connect. */
  async function onConversationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity
    const added = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id)
    if (!added) return
    const workspace = await desk.chat.getWorkspace('teams', tenantOf(activity))
    const t = messages(workspace?.lang ?? DEFAULT_LANG)
    const card = answerToCard({
      title: t.welcomeTitle,
      tone: 'info',
      text: workspace ? t.welcomeLinked : t.welcome(''),
      private: false,
    })
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)))
  }

  async function onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity
    if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action')
      return onCardAction(context)
    if (activity.type === ActivityTypes.ConversationUpdate) return onConversationUpdate(context)
    if (activity.type !== ActivityTypes.Message) return
    const { text, names } = teamsToPlainText(activity)
    const ctx = commandContext(activity, names)
    const workspaceId = ctx.workspaceId

    // The compose card's submit is answered as the typed `send`; a bare mention opens the card.
    const composed = readComposeSubmit(activity.value)
    if (composed || (text === '' && activity.value === undefined)) {
      const answer = composed ? (await submitCompose(ctx, composed)).answer : null
      const card = answer ? answerToCard(answer) : composeCard(await composeForm(ctx))
      const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)))
      if (answer && sent?.id) await track(context, answer, sent.id, workspaceId)
      return
    }

    const submit = readCardSubmit(activity.value)
    // Resolve / Reopen update the conversation's card in place; there is nothing else to answer.
    if (submit && isSupportChatAction(submit.smsdesk)) {
      await supportChat.statusClick(activity, submit.smsdesk, submit.pendingId)
      return
    }
    if (submit) {
      const answer = await handleButton(ctx, submit.smsdesk, submit.pendingId)
      const card = MessageFactory.attachment(CardFactory.adaptiveCard(answerToCard(answer)))
      // The confirmation card turns into the live status card (or the cancel note), so its buttons are gone.
      if (activity.replyToId && (answer.track || submit.smsdesk === 'cancel_send')) {
        await context.updateActivity({ ...card, id: activity.replyToId })
        await track(context, answer, activity.replyToId, workspaceId)
        return
      }
      const sent = await context.sendActivity(card)
      if (sent?.id) await track(context, answer, sent.id, workspaceId)
      return
    }

    // In a widget support conversation's thread, text is an answer to the customer (or a `#note`).
    if (await supportChat.replyInThread(context, text)) return

    // In a send's thread, text is an SMS to that number (as in Slack) unless it is a command addressed to the bot.
    const thread = await threadRepliedTo(desk, activity)
    if (thread && !isThreadCommand(text, mentionsBotFirst(activity))) {
      const body = text.replace(/<@([^>]+)>/g, (_, id: string) => names.get(id) ?? id).trim()
      const replyCtx = {
        ...ctx,
        idempotencyKey: `teams-reply:${activity.conversation.id}:${activity.id ?? ''}`,
      }
      const outcome = await replyInThread(replyCtx, thread, body, replies)
      if (outcome) {
        await context.sendActivity(outcome.kind === 'text' ? outcome.text : answerToText(outcome.answer))
        return
      }
    }

    const answer = await handleCommand(ctx, parseCommand(text))
    const sent = await context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(answerToCard(answer))),
    )
    if (sent?.id) await track(context, answer, sent.id, workspaceId)
  }

  /** Runs `logic` in a stored conversation, as the bot. */
  async function inConversation(
    thread: ChatThread,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<'gone' | undefined> {
    if (thread.conversation === null) return 'gone'
    const reference = JSON.parse(thread.conversation) as Partial<ConversationReference>
    // Stored from a checked activity; checked again in case the allowed hosts changed since.
    if (!isAllowedServiceUrl(reference.serviceUrl, config)) return 'gone'
    await adapter.continueConversationAsync(config.appId, reference, logic)
    return undefined
  }

  tracker.register('teams', (thread, answer) =>
    inConversation(thread, async (context) => {
      const card = MessageFactory.attachment(CardFactory.adaptiveCard(answerToCard(answer)))
      await context.updateActivity({ ...card, id: thread.messageRef })
    }),
  )
  replies.register('teams', async (thread, text) => {
    await inConversation(thread, async (context) => {
      const reply = MessageFactory.text(text)
      // Replies go to the turn's activity id; pointing it at the send's card keeps the SMS conversation together
      // (a reply thread in a channel).
      context.activity.id = thread.messageRef
      await context.sendActivity(reply)
    })
  })

  return {
    fetch: (req) => processWebRequest(adapter, config, req, onTurn, log),
    close: async () => {
      supportChat.stop()
    },
  }
}

function invokeResponse(status: number, body: unknown): Partial<Activity> {
  return { type: ActivityTypes.InvokeResponse, value: { status, body } }
}

/** Whether the message opens with an @mention of the bot (in a channel, every message to the bot has one somewhere). */
function mentionsBotFirst(activity: Activity): boolean {
  const text = (activity.text ?? '').trimStart()
  const mentions = (activity.entities ?? []) as { type: string; text?: string; mentioned?: { id?: string } }[]
  return mentions.some(
    (m) =>
      m.type === 'mention' &&
      m.mentioned?.id === activity.recipient.id &&
      !!m.text &&
      text.startsWith(m.text),
  )
}

/** The Teams tenant is the "workspace" an account is linked to; the emulator and local tests have none. */
function tenantOf(activity: Activity): string {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined
  return activity.conversation.tenantId ?? channelData?.tenant?.id ?? 'local'
}
