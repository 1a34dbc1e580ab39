/** @smsdesk/bot — chat-ops for SMS: one command layer, served to Slack (Bolt) and Microsoft Teams (botbuilder). */

import type { Desk } from '@smsdesk/core'
import type { BotConfig } from './config.ts'
import { ReplyRouter } from './progress/replies.ts'
import { ProgressTracker } from './progress/tracker.ts'
import { redactingLog } from './redact.ts'
import { createSlackBot, type SlackBot } from './slack/app.ts'
import { createTeamsBot } from './teams/bot.ts'

export { handleButton, sendThreadReply } from './commands/actions.ts'
export type { Answer, AnswerButton, AnswerField, Tone } from './commands/answer.ts'
export type { Command, CommandName, ParseProblem, ParseResult } from './commands/command.ts'
export {
  type CommandContext,
  DEFAULT_SETTINGS,
  type HandlerSettings,
  type Platform,
} from './commands/context.ts'
export { handleCommand } from './commands/handle.ts'
export { parseCommand } from './commands/parse.ts'
export {
  type BotConfig,
  DEFAULT_SERVICE_URL_HOSTS,
  loadBotConfig,
  type SlackConfig,
  type SlackOAuthConfig,
  type TeamsConfig,
} from './config.ts'
export { redactSecrets } from './redact.ts'
export { answerToBlocks } from './render/slack.ts'
export { answerToCard } from './render/teams.ts'
export { answerToText } from './render/text.ts'
export { SLACK_BOT_SCOPES } from './slack/oauth/install.ts'
export { signSlackBody } from './slack/signature.ts'

export interface Bot {
  /**
   * `POST /slack/events`: slash commands, interactivity and events; with OAuth also `GET /slack/install` and
   * `GET /slack/oauth_redirect` (`oauth`). Null when Slack is not configured.
   */
  slack: Pick<SlackBot, 'fetch' | 'oauth'> | null
  /** `POST /api/messages`: Bot Framework activities. Null when Teams is switched off. */
  teams: { fetch(req: Request): Promise<Response> } | null
  /**
   * Stops listening to the desk and waits for chat work in hand, showing the statuses still waiting to be shown.
   * Call it after the dispatcher has stopped, so that the statuses of its last batch are shown too.
   */
  close(): Promise<void>
}

/**
 * Builds the bot over a desk. Throws (with what to set) when Teams would run unauthenticated in production.
 * `log` receives operational problems, redacted: tokens and keys never reach it.
 */
export function createBot(
  desk: Desk,
  config: BotConfig,
  rawLog: (message: string, err?: unknown) => void = (m, e) => console.error(`smsdesk bot: ${m}`, e ?? ''),
): Bot {
  if (config.teams?.auth === 'unauthenticated' && config.production)
    throw new Error(
      'Teams: BOT_TEAMS=unauthenticated is refused in production. Set MicrosoftAppId, MicrosoftAppPassword, ' +
        'MicrosoftAppType (and MicrosoftAppTenantId for SingleTenant), or switch Teams off with BOT_TEAMS=off.',
    )
  const log = redactingLog(rawLog)
  if (config.teams?.auth === 'unauthenticated')
    log(
      'Teams runs UNAUTHENTICATED (BOT_TEAMS=unauthenticated): anyone who can reach /api/messages can act as any ' +
        'tenant. Only loopback serviceUrls are answered. For the Emulator and tests only.',
    )
  const tracker = new ProgressTracker(desk, {
    intervalMs: config.updateIntervalMs,
    settings: config.settings,
    log,
  })
  const replies = new ReplyRouter(desk, { windowMs: config.replyWindowMs, log })
  const shared = { desk, settings: config.settings, tracker, replies, log }
  const slack = config.slack ? createSlackBot({ ...shared, config: config.slack }) : null
  const teams = config.teams ? createTeamsBot({ ...shared, config: config.teams }) : null
  // Sends posted before a restart keep their live message (once the platforms above have registered).
  const resumed =
    slack || teams
      ? tracker.resume().catch((err: unknown) => log('could not follow unfinished chat sends again', err))
      : Promise.resolve()
  return {
    slack,
    teams,
    async close() {
      await resumed
      await Promise.all([slack?.close(), teams?.close()])
      await replies.close()
      await tracker.close()
    },
  }
}
