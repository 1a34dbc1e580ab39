/**
 * Slack OAuth v2 install, as Bolt documents it: `@slack/oauth`'s InstallProvider serves `/slack/install` (state
 * bound to the browser by a cookie) and `/slack/oauth_redirect` (state checked, code exchanged with
 * `oauth.v2.access`, installation stored sealed), and its `authorize` gives each request its workspace's token,
 * refreshing rotated tokens on the way.
 */

import { ErrorCode, InstallProvider, type Logger, LogLevel } from '@slack/oauth'
import type { Desk } from '@smsdesk/core'
import type { SlackOAuthConfig } from '../../config.ts'
import { createInstallationStore } from './installation-store.ts'
import { nodeExchange } from './node-bridge.ts'
import { oneTimeStateStore } from './one-time-state.ts'
import { installedPageHtml, installFailedPageHtml, installPageHtml } from './pages.ts'
import { createTokenSeal } from './token-seal.ts'

/** What the bot does in a workspace; `im:history` for `message.im`. The manifest lists the same. */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:history',
  'groups:history',
  'im:history',
  // The support chat shows the customer who answered by their Slack display name.
  'users:read',
] as const

/** How long an install link works. */
const STATE_EXPIRY_SECONDS = 600

export interface SlackOAuth {
  installer: InstallProvider
  /** `GET /slack/install`: the "Add to Slack" page, with the state cookie set. */
  installPage(req: Request): Promise<Response>
  /** `GET /slack/oauth_redirect`: checks the state, exchanges the code, stores the installation. */
  oauthRedirect(req: Request): Promise<Response>
}

export function createSlackOAuth(deps: {
  desk: Desk
  config: SlackOAuthConfig
  clientOptions: { slackApiUrl: string; timeout: number; retryConfig: Record<string, number> }
  log: (message: string, err?: unknown) => void
}): SlackOAuth {
  const { config, log } = deps
  const installer = new InstallProvider({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    stateStore: oneTimeStateStore(config.stateSecret, STATE_EXPIRY_SECONDS),
    stateCookieExpirationSeconds: STATE_EXPIRY_SECONDS,
    installationStore: createInstallationStore(deps.desk, createTokenSeal(config.tokenKey)),
    authorizationUrl: config.authorizeUrl,
    installUrlOptions: {
      scopes: [...SLACK_BOT_SCOPES],
      ...(config.redirectUri === null ? {} : { redirectUri: config.redirectUri }),
    },
    renderHtmlForInstallPath: installPageHtml,
    logger: messagesOnly(log),
    clientOptions: deps.clientOptions,
  })

  return {
    installer,
    async installPage(req) {
      const exchange = nodeExchange(req)
      try {
        await installer.handleInstallPath(exchange.req, exchange.res)
        return exchange.response()
      } catch (err) {
        log('could not build the Slack install link', err)
        return html(500, installFailedPageHtml(false))
      }
    },
    async oauthRedirect(req) {
      const exchange = nodeExchange(req)
      await installer.handleCallback(exchange.req, exchange.res, {
        success: (installation, _options, _req, res) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          res.end(installedPageHtml(installation.team?.name ?? installation.enterprise?.name ?? null))
        },
        failure: (error, _options, _req, res) => {
          const byState = [
            ErrorCode.InvalidStateError,
            ErrorCode.MissingStateError,
            ErrorCode.MissingCodeError,
          ].includes(error.code as ErrorCode)
          if (!byState) log('a Slack install failed', error)
          res.writeHead(byState ? 400 : 502, { 'content-type': 'text/html; charset=utf-8' })
          res.end(installFailedPageHtml(byState))
        },
      })
      return exchange.response()
    },
  }
}

function html(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } })
}

/** InstallProvider's logger: warnings and errors reach our log as one line of text, never as request objects. */
function messagesOnly(log: (message: string, err?: unknown) => void): Logger {
  const line = (parts: unknown[]) =>
    `Slack OAuth: ${parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ')}`
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => log(line(parts)),
    error: (...parts: unknown[]) => log(line(parts)),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  }
}
