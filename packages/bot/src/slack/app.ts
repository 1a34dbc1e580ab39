/**
 * The Slack side: Bolt with our fetch receiver, the `/sms` command, confirmation buttons, thread replies and the
 * install lifecycle. Every Web API call for a workspace carries that workspace's own token.
 */

import { App, type Authorize, LogLevel, webApi } from '@slack/bolt'
import type { Desk } from '@smsdesk/core'
import { handleButton } from '../commands/actions.ts'
import { type Answer, BUTTON_ACTIONS } from '../commands/answer.ts'
import type { CommandContext, HandlerSettings } from '../commands/context.ts'
import { handleCommand } from '../commands/handle.ts'
import { parseCommand } from '../commands/parse.ts'
import { isThreadCommand, replyInThread } from '../commands/thread-reply.ts'
import type { SlackConfig } from '../config.ts'
import { messages } from '../i18n/index.ts'
import type { ReplyRouter } from '../progress/replies.ts'
import type { ProgressTracker } from '../progress/tracker.ts'
import { answerToBlocks, escapeMrkdwn } from '../render/slack.ts'
import {
  installedClients,
  isNotInstalled,
  type SlackClients,
  type SlackWebClient,
  singleWorkspaceClients,
} from './clients.ts'
import { openComposeModal, registerCompose } from './compose.ts'
import { FollowUpQueue } from './follow-ups.ts'
import { createSlackOAuth, type SlackOAuth } from './oauth/install.ts'
import { removeInstallation, type UninstallBody } from './oauth/uninstall.ts'
import { FetchReceiver } from './receiver.ts'
import { registerSupportChat } from './support-chat.ts'
import { slackToPlainText, slackToSmsText } from './text.ts'

export interface SlackBot {
  fetch(req: Request): Promise<Response>
  /** The install pages when Slack is installed by OAuth; null with a single `SLACK_BOT_TOKEN`. */
  oauth: Pick<SlackOAuth, 'installPage' | 'oauthRedirect'> | null
  close(): Promise<void>
}

interface SlackDeps {
  desk: Desk
  config: SlackConfig
  settings: HandlerSettings
  tracker: ProgressTracker
  replies: ReplyRouter
  log: (message: string, err?: unknown) => void
}

/** Enough to keep the database and the Web API busy; more would only delay the next burst's acks. */
const FOLLOW_UP_CONCURRENCY = 4

type Respond = (message: Record<string, unknown>) => Promise<unknown>

export function createSlackBot(deps: SlackDeps): SlackBot {
  const { desk, config, settings, tracker, replies, log } = deps
  const clientOptions = {
    slackApiUrl: config.apiUrl,
    // The defaults retry for up to half an hour; a chat update that late is worse than none.
    retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 2_000 },
    timeout: 10_000,
  }
  const receiver = new FetchReceiver({ signingSecret: config.signingSecret, log })
  const followUps = new FollowUpQueue(FOLLOW_UP_CONCURRENCY)
  const install = config.install
  let oauth: SlackOAuth | null = null
  let clients: SlackClients
  let authorize: Authorize<boolean>
  if (install.kind === 'oauth') {
    oauth = createSlackOAuth({ desk, config: install, clientOptions, log })
    const installer = oauth.installer
    clients = installedClients(installer, clientOptions)
    authorize = (source) => installer.authorize(source)
  } else {
    const client = new webApi.WebClient(install.botToken, { ...clientOptions, logLevel: LogLevel.ERROR })
    clients = singleWorkspaceClients(client)
    authorize = authorizeWith(client, install.botToken)
  }
  const app = new App({
    receiver,
    authorize,
    clientOptions: { ...clientOptions, logLevel: LogLevel.ERROR },
    logLevel: LogLevel.ERROR,
  })
  app.error(async (err) => {
    // A signed request from a workspace that uninstalled (or never installed) the app: nothing to answer with.
    if (isNotInstalled(err)) return
    log('a Slack listener failed', err)
  })

  const context = (workspaceId: string, userId: string, channel: string, key?: string): CommandContext => ({
    desk,
    platform: 'slack',
    workspaceId,
    userId,
    channel,
    settings,
    ...(key === undefined ? {} : { idempotencyKey: key }),
  })

  /** Tracked sends get ONE channel message that is kept current; everything else answers via response_url. */
  async function deliver(
    given: Answer,
    ctx: CommandContext,
    client: SlackWebClient,
    respond: Respond,
    replaceOriginal: boolean,
  ) {
    let answer = given
    let message = answerToBlocks(answer)
    if (answer.track) {
      const posted = await client.chat
        .postMessage({ channel: ctx.channel, text: message.text, blocks: message.blocks })
        .catch((err: unknown) => {
          log('could not post the send message in the channel', err)
          return null
        })
      if (posted?.ts) {
        await desk.chat.saveThread({
          platform: 'slack',
          workspaceId: ctx.workspaceId,
          batchId: answer.track.batchId,
          channel: posted.channel ?? ctx.channel,
          messageRef: posted.ts,
          conversation: null,
        })
        tracker.follow(answer.track.batchId)
        if (replaceOriginal) await respond({ delete_original: true })
        return
      }
      // Not in the channel (or Slack said no): the send went out, so say so, and how to get live updates.
      const workspace = await desk.chat.getWorkspace('slack', ctx.workspaceId)
      const note = messages(workspace?.lang ?? 'sv').inviteMe
      answer = { ...answer, note: answer.note ? `${answer.note} ${note}` : note }
      message = answerToBlocks(answer)
    }
    await respond({
      ...(replaceOriginal
        ? { replace_original: true }
        : { response_type: answer.private ? 'ephemeral' : 'in_channel' }),
      text: message.text,
      blocks: message.blocks,
    })
  }

  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    await ack()
    // `/sms` alone opens the compose form; the trigger id lasts 3 s, so before anything else.
    if ((command.text ?? '').trim() === '') {
      const ctx = context(command.team_id, command.user_id, command.channel_id)
      await openComposeModal(client, ctx, command.trigger_id).catch((err: unknown) =>
        log('could not open the compose modal', err),
      )
      return
    }
    await followUps.run(async () => {
      const key = `slack-command:${command.trigger_id}`
      const ctx = context(command.team_id, command.user_id, command.channel_id, key)
      const answer = await handleCommand(ctx, parseCommand(slackToPlainText(command.text ?? '')))
      await deliver(answer, ctx, client, respond as Respond, false)
    })
  })

  registerCompose(app, { context, deliver, log })

  app.action(
    /^(confirm_send|cancel_send|confirm_credit|cancel_credit|run_command)(:\d+)?$/,
    async ({ ack, body, action, respond, client }) => {
      await ack()
      if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return
      await followUps.run(async () => {
        const ctx = context(body.team?.id ?? '', body.user.id, body.channel?.id ?? '')
        const choice = BUTTON_ACTIONS.find((a) => a === action.action_id.split(':')[0]) ?? 'cancel_send'
        const answer = await handleButton(ctx, choice, action.value ?? '')
        // A look-up answers beside the list it came from; Send and Cancel replace their confirmation.
        await deliver(answer, ctx, client, respond as Respond, choice !== 'run_command')
      })
    },
  )

  app.event('message', async ({ event, body, client, context: bolt }) => {
    const e = event as unknown as Record<string, string | undefined>
    if (e.subtype !== undefined || e.bot_id !== undefined || !e.user || !e.channel || !e.ts) return
    if (!e.thread_ts || e.thread_ts === e.ts || !e.text) return
    const thread = await desk.chat.threadByRef('slack', e.channel, e.thread_ts)
    if (!thread || (body.team_id && body.team_id !== thread.workspaceId)) return
    const ctx = context(thread.workspaceId, e.user, e.channel, `slack-reply:${e.channel}:${e.ts}`)
    // `@smsdesk status 0701234567` in a thread is a command (the same rule as Teams); only its asker sees the answer.
    const plain = slackToPlainText(e.text).trim()
    const mention = bolt.botUserId ? `<@${bolt.botUserId}>` : null
    const afterMention = mention && plain.startsWith(mention) ? plain.slice(mention.length).trim() : null
    if (afterMention !== null && isThreadCommand(afterMention, true)) {
      const answer = answerToBlocks(await handleCommand(ctx, parseCommand(afterMention)))
      await client.chat.postEphemeral({ channel: e.channel, user: e.user, thread_ts: e.thread_ts, ...answer })
      return
    }
    const outcome = await replyInThread(ctx, thread, slackToSmsText(e.text), replies)
    if (!outcome) return
    await client.chat.postMessage({
      channel: e.channel,
      thread_ts: e.thread_ts,
      text: outcome.kind === 'text' ? outcome.text : answerToBlocks(outcome.answer).text,
    })
  })

  // Uninstalled, or its bot token revoked: the installation goes, the workspace's link to its account stays.
  const forgetInstallation = async (body: UninstallBody) => {
    if (install.kind === 'single') {
      log('Slack says the app was uninstalled or its token revoked; SLACK_BOT_TOKEN no longer works')
      return
    }
    await removeInstallation(desk, clients, body)
  }
  app.event('app_uninstalled', async ({ body }) => forgetInstallation(body))
  app.event('tokens_revoked', async ({ event, body }) => {
    // User tokens are not kept; only a revoked bot token ends the installation.
    if ((event.tokens.bot ?? []).length > 0) await forgetInstallation(body)
  })

  tracker.register('slack', (thread, answer) => {
    const message = answerToBlocks(answer)
    return clients.withTeam(thread.workspaceId, (client) =>
      client.chat.update({
        channel: thread.channel,
        ts: thread.messageRef,
        text: message.text,
        blocks: message.blocks,
      }),
    )
  })
  replies.register('slack', async (thread, text) => {
    await clients.withTeam(thread.workspaceId, (client) =>
      client.chat.postMessage({
        channel: thread.channel,
        thread_ts: thread.messageRef,
        text: escapeMrkdwn(text),
      }),
    )
  })

  const stopSupportChat = config.supportChannel
    ? registerSupportChat({ desk, app, clients, channel: config.supportChannel, log })
    : () => {}

  return {
    fetch: (req) => receiver.fetch(req),
    oauth,
    close: async () => {
      stopSupportChat()
      await receiver.stop()
    },
  }
}

/** One `auth.test` for the bot's own ids (so Bolt ignores its own messages), retried if Slack was unreachable. */
function authorizeWith(client: InstanceType<typeof webApi.WebClient>, botToken: string) {
  let identity: Promise<{ botId?: string; botUserId?: string }> | null = null
  return async () => {
    identity ??= client.auth
      .test()
      .then((r) => ({
        ...(r.bot_id ? { botId: r.bot_id } : {}),
        ...(r.user_id ? { botUserId: r.user_id } : {}),
      }))
      .catch(() => {
        identity = null
        return {}
      })
    return { botToken, ...(await identity) }
  }
}
