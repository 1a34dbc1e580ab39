/** `loadBotConfig(env)`: the bot's settings from environment variables, checked once at start-up. */

import { DEFAULT_SETTINGS, type HandlerSettings } from './commands/context.ts'
import { MIN_TOKEN_KEY_LENGTH } from './slack/oauth/token-seal.ts'

export interface SlackOAuthConfig {
  clientId: string
  clientSecret: string
  stateSecret: string
  /** Tokens are sealed at rest under a key derived from this (`SLACK_TOKEN_KEY`, at least 32 characters). */
  tokenKey: string
  /** Slack's authorize page; derived from `SLACK_API_URL` unless `SLACK_AUTHORIZE_URL` says otherwise. */
  authorizeUrl: string
  /** `PUBLIC_URL` + `/slack/oauth_redirect`; null leaves it to the app's configured redirect URL. */
  redirectUri: string | null
}

export interface SlackConfig {
  signingSecret: string
  /** Web API base URL, ending in `/`; tests point it at a local stand-in. */
  apiUrl: string
  /** How the bot gets its token: the one `SLACK_BOT_TOKEN`, or per workspace from an OAuth install. */
  install: { kind: 'single'; botToken: string } | ({ kind: 'oauth' } & SlackOAuthConfig)
  /**
   * Where widget support conversations are posted (`SUPPORT_CHANNEL`): a channel id, or `TEAM/CHANNEL` when
   * Slack is installed by OAuth in several workspaces. Null: the widget's questions are not posted to Slack.
   */
  supportChannel: { teamId: string | null; channel: string } | null
}

export interface TeamsConfig {
  /**
   * `authenticated`: every activity carries a Bot Framework token for `appId`. `unauthenticated`: no token is
   * checked and only loopback serviceUrls are answered (the Emulator and tests; refused in production).
   */
  auth: 'authenticated' | 'unauthenticated'
  appId: string
  appPassword: string
  appType: string
  tenantId: string
  /** Hosts a serviceUrl may name (`*.` for any subdomain); the Bot Framework's own by default. */
  serviceUrlHosts: string[]
  /** Where the Bot Framework's signing keys are found; the public ones unless set (sovereign clouds, tests). */
  openIdMetadataUrl: string | null
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
 * The serviceUrl hosts the Bot Framework documents for Teams and its channels (public cloud, GCC, GCC High, DoD).
 * `BOT_TEAMS_SERVICE_HOSTS` replaces the list.
 */
export const DEFAULT_SERVICE_URL_HOSTS = [
  'smba.trafficmanager.net',
  '*.botframework.com',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]

/**
 * Slack is on when `SLACK_SIGNING_SECRET` is set, with either `SLACK_BOT_TOKEN` (one workspace) or
 * `SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`, `SLACK_STATE_SECRET` and `SLACK_TOKEN_KEY` (installed by OAuth in any
 * number of workspaces). Teams is on with `MicrosoftAppId`, or without one only when `BOT_TEAMS=unauthenticated`
 * (refused in production); `BOT_TEAMS=off` switches it off either way.
 * `BOT_CONFIRM_ABOVE_AMOUNT` is in the account currency's main unit (`100` = 100.00 SEK).
 */
export function loadBotConfig(env: Record<string, string | undefined>): BotConfig {
  const get = (name: string): string => (env[name] ?? '').trim()
  const production = get('NODE_ENV') === 'production'
  return {
    slack: loadSlack(get),
    teams: loadTeams(get, production),
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
    production,
  }
}

const OAUTH_VARIABLES = [
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_TOKEN_KEY',
] as const

function loadSlack(get: (name: string) => string): SlackConfig | null {
  const signingSecret = get('SLACK_SIGNING_SECRET')
  const botToken = get('SLACK_BOT_TOKEN')
  const oauthSet = OAUTH_VARIABLES.filter((name) => get(name) !== '')
  if (signingSecret === '') {
    if (botToken !== '' || oauthSet.length > 0)
      throw new Error(
        `Slack: ${botToken !== '' ? 'SLACK_BOT_TOKEN' : oauthSet.join(', ')} set but SLACK_SIGNING_SECRET is missing (from the app page).`,
      )
    return null
  }
  const raw = get('SLACK_API_URL') || DEFAULT_SLACK_API_URL
  const apiUrl = raw.endsWith('/') ? raw : `${raw}/`
  if (botToken !== '' && oauthSet.length > 0)
    throw new Error(
      'Slack: set either SLACK_BOT_TOKEN (one workspace) or the OAuth settings (SLACK_CLIENT_ID, …), not both.',
    )
  const supportChannel = supportChannelOf(get('SUPPORT_CHANNEL'))
  if (botToken !== '') return { signingSecret, apiUrl, supportChannel, install: { kind: 'single', botToken } }
  if (oauthSet.length === 0)
    throw new Error(
      'Slack: SLACK_SIGNING_SECRET is set but neither SLACK_BOT_TOKEN (xoxb-…, one workspace) nor ' +
        `${OAUTH_VARIABLES.join(', ')} (installed by OAuth) are.`,
    )
  const missing = OAUTH_VARIABLES.filter((name) => get(name) === '')
  if (missing.length > 0) throw new Error(`Slack OAuth: ${missing.join(', ')} missing.`)
  if (get('SLACK_TOKEN_KEY').length < MIN_TOKEN_KEY_LENGTH)
    throw new Error(
      `Slack OAuth: SLACK_TOKEN_KEY must be at least ${MIN_TOKEN_KEY_LENGTH} characters (e.g. openssl rand -base64 33).`,
    )
  const publicUrl = get('PUBLIC_URL').replace(/\/+$/, '')
  return {
    signingSecret,
    apiUrl,
    supportChannel,
    install: {
      kind: 'oauth',
      clientId: get('SLACK_CLIENT_ID'),
      clientSecret: get('SLACK_CLIENT_SECRET'),
      stateSecret: get('SLACK_STATE_SECRET'),
      tokenKey: get('SLACK_TOKEN_KEY'),
      authorizeUrl: get('SLACK_AUTHORIZE_URL') || new URL('../oauth/v2/authorize', apiUrl).toString(),
      redirectUri: publicUrl === '' ? null : `${publicUrl}/slack/oauth_redirect`,
    },
  }
}

function supportChannelOf(text: string): SlackConfig['supportChannel'] {
  const [first, second] = text.trim().split('/')
  if (!first) return null
  return second ? { teamId: first, channel: second } : { teamId: null, channel: first }
}

function loadTeams(get: (name: string) => string, production: boolean): TeamsConfig | null {
  const mode = get('BOT_TEAMS').toLowerCase()
  if (['off', 'false', '0', 'no'].includes(mode)) return null
  const appId = get('MicrosoftAppId')
  const unauthenticated = mode === 'unauthenticated'
  if (mode !== '' && !unauthenticated && !['on', 'true', '1', 'yes'].includes(mode))
    throw new Error(`BOT_TEAMS must be off, on or unauthenticated, got "${get('BOT_TEAMS')}"`)
  if (unauthenticated && appId !== '')
    throw new Error('Teams: BOT_TEAMS=unauthenticated and MicrosoftAppId are both set; choose one.')
  if (unauthenticated && production)
    throw new Error(
      'Teams: BOT_TEAMS=unauthenticated is refused in production (NODE_ENV=production). Set MicrosoftAppId, ' +
        'MicrosoftAppPassword, MicrosoftAppType (and MicrosoftAppTenantId for SingleTenant), or BOT_TEAMS=off.',
    )
  if (appId === '' && mode !== '' && !unauthenticated)
    throw new Error(
      `Teams: BOT_TEAMS=${mode} needs MicrosoftAppId (or BOT_TEAMS=unauthenticated for local use).`,
    )
  // Without an app id nothing could prove an activity came from the Bot Framework: the endpoint stays off.
  if (appId === '' && !unauthenticated) return null
  const hosts = get('BOT_TEAMS_SERVICE_HOSTS')
  return {
    auth: unauthenticated ? 'unauthenticated' : 'authenticated',
    appId,
    appPassword: get('MicrosoftAppPassword'),
    appType: get('MicrosoftAppType') || 'MultiTenant',
    tenantId: get('MicrosoftAppTenantId'),
    serviceUrlHosts:
      hosts === ''
        ? DEFAULT_SERVICE_URL_HOSTS
        : hosts
            .split(',')
            .map((h) => h.trim().toLowerCase())
            .filter(Boolean),
    openIdMetadataUrl: get('BOT_TEAMS_OPENID_METADATA_URL') || null,
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
