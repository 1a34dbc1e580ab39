/**
 * A local stand-in for the Slack Web API (the published `POST /api/<method>` contract): checks the bot token,
 * answers the methods the bot uses, and records every call for tests to read. With `oauth` it is also Slack's
 * side of an OAuth v2 install: `GET /oauth/v2/authorize` (the person approves at once and is sent back with a
 * code) and `oauth.v2.access` (the code, or a refresh token, for a bot token of that team), each team's tokens
 * its own; `uninstall(team)` revokes them as Slack does.
 */

import type { ServerResponse } from 'node:http'
import { listenLocal, sendJson } from './http.ts'

export interface SlackCall {
  method: string
  /** The token the call carried (Authorization header or `token` field); '' for none. */
  token: string
  /** Whether Slack took the token (false: answered `invalid_auth`). */
  accepted: boolean
  /** The team the token belongs to, when it is one. */
  teamId: string | null
  /** Arguments as sent; JSON-valued form fields (`blocks`) are parsed back. */
  args: Record<string, unknown>
}

export interface SlackApiStandin {
  /** Give this as `SLACK_API_URL`. */
  apiUrl: string
  readonly calls: SlackCall[]
  callsTo(method: string): SlackCall[]
  readonly botUserId: string
  readonly botId: string
  /** OAuth: the URL Slack's authorize page lives at (`SLACK_AUTHORIZE_URL` derives from `apiUrl` the same way). */
  readonly authorizeUrl: string
  /** OAuth: every bot token issued (or refreshed) for a team, oldest first. */
  tokensOf(teamId: string): string[]
  /** OAuth: the app is removed from the team and its tokens stop working. */
  uninstall(teamId: string): void
  close(): Promise<void>
}

export interface SlackOAuthStandinOptions {
  clientId: string
  clientSecret: string
  /** Team ids and names that may install. */
  teams: Record<string, string>
  /** Hand out refresh tokens and expiring bot tokens (token rotation on), lasting this many seconds. */
  rotateAfterSeconds?: number
}

export async function startSlackApiStandin(opts: {
  /** Single workspace: the one valid bot token (for `teamId`). */
  token?: string
  teamId?: string
  oauth?: SlackOAuthStandinOptions
}): Promise<SlackApiStandin> {
  const calls: SlackCall[] = []
  const botUserId = 'UBOTSMSDESK'
  const botId = 'BSMSDESK'
  /** Valid token → its team. */
  const tokens = new Map<string, string>()
  if (opts.token) tokens.set(opts.token, opts.teamId ?? 'T0001')
  const issued = new Map<string, string[]>()
  /** Code → team and redirect_uri it was issued for; refresh token → team. */
  const codes = new Map<string, { teamId: string; redirectUri: string | null }>()
  const refreshTokens = new Map<string, string>()
  let serial = 0
  const issue = (teamId: string): string => {
    const token = `xoxb-${teamId}-${++serial}-${Math.random().toString(36).slice(2, 12)}`
    tokens.set(token, teamId)
    issued.set(teamId, [...(issued.get(teamId) ?? []), token])
    return token
  }
  let tsCounter = 0
  const nextTs = () => {
    tsCounter++
    return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`
  }

  const server = await listenLocal((req, res, raw) => {
    const url = new URL(req.url ?? '/', 'http://standin')
    if (url.pathname === '/oauth/v2/authorize' && opts.oauth) return authorizePage(url, res)
    const method = url.pathname.replace(/^\/api\//, '')
    const args = parseArgs(raw, req.headers['content-type'] ?? '')
    if (method === 'oauth.v2.access' && opts.oauth) return oauthAccess(args, opts.oauth, res)
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    const token = bearer || String(args.token ?? '')
    const teamId = tokens.get(token) ?? null
    calls.push({ method, args, token, accepted: teamId !== null, teamId })
    if (teamId === null) return sendJson(res, 200, { ok: false, error: 'invalid_auth' })
    switch (method) {
      case 'auth.test':
        return sendJson(res, 200, {
          ok: true,
          url: 'https://example.slack.com/',
          team: opts.oauth?.teams[teamId] ?? 'Example',
          user: 'smsdesk',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        })
      case 'chat.postMessage': {
        if (!args.channel) return sendJson(res, 200, { ok: false, error: 'channel_not_found' })
        // Channels named like this stand for ones the bot was never invited to.
        if (String(args.channel).startsWith('CNOTIN'))
          return sendJson(res, 200, { ok: false, error: 'not_in_channel' })
        const ts = nextTs()
        return sendJson(res, 200, {
          ok: true,
          channel: args.channel,
          ts,
          message: { ...args, ts, bot_id: botId },
        })
      }
      case 'chat.update':
        if (!args.channel || !args.ts) return sendJson(res, 200, { ok: false, error: 'message_not_found' })
        return sendJson(res, 200, { ok: true, channel: args.channel, ts: args.ts, text: args.text })
      case 'users.info':
        return sendJson(res, 200, {
          ok: true,
          user: {
            id: args.user,
            real_name: `Staff ${args.user}`,
            profile: { display_name: `Staff ${args.user}` },
          },
        })
      case 'chat.postEphemeral':
        return sendJson(res, 200, { ok: true, message_ts: nextTs() })
      case 'views.open':
        if (!args.trigger_id) return sendJson(res, 200, { ok: false, error: 'invalid_trigger_id' })
        return sendJson(res, 200, { ok: true, view: { id: `V${++serial}`, ...(args.view as object) } })
      default:
        return sendJson(res, 200, { ok: false, error: 'unknown_method' })
    }
  })

  /** The person approves at once: back to the app's redirect URL with a one-time code (or `error`). */
  function authorizePage(url: URL, res: ServerResponse) {
    const teamId = url.searchParams.get('team') ?? ''
    const redirectUri = url.searchParams.get('redirect_uri')
    if (
      url.searchParams.get('client_id') !== opts.oauth?.clientId ||
      !opts.oauth?.teams[teamId] ||
      !redirectUri
    )
      return sendJson(res, 400, { ok: false, error: 'invalid_request' })
    const code = `code-${teamId}-${++serial}`
    codes.set(code, { teamId, redirectUri })
    const back = new URL(redirectUri)
    back.searchParams.set('code', code)
    back.searchParams.set('state', url.searchParams.get('state') ?? '')
    res.writeHead(302, { location: back.toString() })
    res.end()
  }

  function oauthAccess(args: Record<string, unknown>, oauth: SlackOAuthStandinOptions, res: ServerResponse) {
    calls.push({
      method: 'oauth.v2.access',
      args: { ...args, client_secret: '…' },
      token: '',
      accepted: true,
      teamId: null,
    })
    if (args.client_id !== oauth.clientId || args.client_secret !== oauth.clientSecret)
      return sendJson(res, 200, { ok: false, error: 'invalid_client_id' })
    const rotation = (teamId: string) =>
      oauth.rotateAfterSeconds === undefined
        ? {}
        : { refresh_token: refreshFor(teamId), expires_in: oauth.rotateAfterSeconds }
    if (args.grant_type === 'refresh_token') {
      const teamId = refreshTokens.get(String(args.refresh_token ?? ''))
      if (!teamId) return sendJson(res, 200, { ok: false, error: 'invalid_refresh_token' })
      refreshTokens.delete(String(args.refresh_token))
      return sendJson(res, 200, {
        ok: true,
        token_type: 'bot',
        access_token: issue(teamId),
        ...rotation(teamId),
      })
    }
    const grant = codes.get(String(args.code ?? ''))
    codes.delete(String(args.code ?? ''))
    if (!grant) return sendJson(res, 200, { ok: false, error: 'invalid_code' })
    if (grant.redirectUri !== (args.redirect_uri ?? null))
      return sendJson(res, 200, { ok: false, error: 'bad_redirect_uri' })
    return sendJson(res, 200, {
      ok: true,
      app_id: 'A0SMSDESK',
      authed_user: { id: `U${grant.teamId}INSTALLER` },
      scope: 'commands,chat:write,chat:write.public,channels:history,groups:history,im:history',
      token_type: 'bot',
      access_token: issue(grant.teamId),
      bot_user_id: botUserId,
      team: { id: grant.teamId, name: oauth.teams[grant.teamId] },
      enterprise: null,
      is_enterprise_install: false,
      ...rotation(grant.teamId),
    })
  }

  function refreshFor(teamId: string): string {
    const token = `xoxe-1-${teamId}-${++serial}`
    refreshTokens.set(token, teamId)
    return token
  }

  return {
    apiUrl: `${server.url}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    botUserId,
    botId,
    authorizeUrl: `${server.url}/oauth/v2/authorize`,
    tokensOf: (teamId) => issued.get(teamId) ?? [],
    uninstall(teamId) {
      for (const [token, team] of tokens) if (team === teamId) tokens.delete(token)
    },
    close: () => server.close(),
  }
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>
  const args: Record<string, unknown> = {}
  for (const [name, value] of new URLSearchParams(raw)) {
    args[name] = /^[[{]/.test(value) ? safeJson(value) : value
  }
  return args
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
