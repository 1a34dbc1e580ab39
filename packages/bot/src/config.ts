/** `loadBotConfig(env)`: the bot's settings from environment variables, checked once at start-up. */

import { DEFAULT_SETTINGS, type HandlerSettings } from './commands/context.ts'

export interface SlackConfig {
  signingSecret: string
  botToken: string
  /** Web API base URL, ending in `/`; tests point it at a local stand-in. */
  apiUrl: string
}

export interface TeamsConfig {
  /** Empty: unauthenticated, for local use only (refused in production). */
  appId: string
  appPassword: string
  appType: string
  tenantId: string
}

export interface BotConfig {
  slack: SlackConfig | null
  teams: TeamsConfig | null
  settings: HandlerSettings
  /** At most one chat update per send per interval. */
  updateIntervalMs: number
  /** An inbound SMS lands in the thread of a send to that number made within this window. */
  replyWindowMs: number
  production: boolean
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/'

/**
 * Slack is on when `SLACK_SIGNING_SECRET` is set (then `SLACK_BOT_TOKEN` is required). Teams is on unless
 * `BOT_TEAMS=off`; without `MicrosoftAppId` it is unauthenticated, which `createBot` refuses in production.
 * `BOT_CONFIRM_ABOVE_AMOUNT` is in the account currency's main unit (`100` = 100.00 SEK).
 */
export function loadBotConfig(env: Record<string, string | undefined>): BotConfig {
  const get = (name: string): string => (env[name] ?? '').trim()
  const signingSecret = get('SLACK_SIGNING_SECRET')
  const botToken = get('SLACK_BOT_TOKEN')
  if (signingSecret !== '' && botToken === '')
    throw new Error(
      'Slack: SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is missing (xoxb-… from the app page).',
    )
  if (signingSecret === '' && botToken !== '')
    throw new Error('Slack: SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing (from the app page).')
  const apiUrl = get('SLACK_API_URL') || DEFAULT_SLACK_API_URL

  const teamsOff = ['off', 'false', '0', 'no'].includes(get('BOT_TEAMS').toLowerCase())
  return {
    slack:
      signingSecret === ''
        ? null
        : { signingSecret, botToken, apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` },
    teams: teamsOff
      ? null
      : {
          appId: get('MicrosoftAppId'),
          appPassword: get('MicrosoftAppPassword'),
          appType: get('MicrosoftAppType') || 'MultiTenant',
          tenantId: get('MicrosoftAppTenantId'),
        },
    settings: {
      ...DEFAULT_SETTINGS,
      confirmAboveRecipients: wholeNumber(
        env,
        'BOT_CONFIRM_ABOVE_RECIPIENTS',
        DEFAULT_SETTINGS.confirmAboveRecipients,
      ),
      confirmAboveAmount: minorUnits(env, 'BOT_CONFIRM_ABOVE_AMOUNT', DEFAULT_SETTINGS.confirmAboveAmount),
      defaultSender: get('BOT_DEFAULT_SENDER') || null,
    },
    updateIntervalMs: wholeNumber(env, 'BOT_UPDATE_INTERVAL_MS', 1_000),
    replyWindowMs: wholeNumber(env, 'BOT_REPLY_WINDOW_HOURS', 72) * 3_600_000,
    production: get('NODE_ENV') === 'production',
  }
}

function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = (env[name] ?? '').trim()
  if (raw === '') return fallback
  if (!/^\d{1,9}$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`)
  return Number(raw)
}

/** `"100"` or `"99.50"` (or `99,50`) in main units → minor units, without floating point. */
function minorUnits(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = (env[name] ?? '').trim()
  if (raw === '') return fallback
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(raw)
  if (!match) throw new Error(`${name} must be an amount like 100 or 99.50, got "${raw}"`)
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}
