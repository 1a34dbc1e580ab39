/**
 * A local stand-in for the Slack Web API (the published `POST /api/<method>` contract): checks the bot token,
 * answers the methods the bot uses, and records every call for tests to read.
 */

import { listenLocal, sendJson } from './http.ts'

export interface SlackCall {
  method: string
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
  close(): Promise<void>
}

export async function startSlackApiStandin(opts: {
  token: string
  teamId?: string
}): Promise<SlackApiStandin> {
  const calls: SlackCall[] = []
  const botUserId = 'UBOTSMSDESK'
  const botId = 'BSMSDESK'
  let tsCounter = 0
  const nextTs = () => {
    tsCounter++
    return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`
  }

  const server = await listenLocal((req, res, raw) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? ''
    const args = parseArgs(raw, req.headers['content-type'] ?? '')
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    const token = bearer || String(args.token ?? '')
    if (token !== opts.token) return sendJson(res, 200, { ok: false, error: 'invalid_auth' })
    calls.push({ method, args })
    switch (method) {
      case 'auth.test':
        return sendJson(res, 200, {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'smsdesk',
          team_id: opts.teamId ?? 'T0001',
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
      case 'chat.postEphemeral':
        return sendJson(res, 200, { ok: true, message_ts: nextTs() })
      default:
        return sendJson(res, 200, { ok: false, error: 'unknown_method' })
    }
  })

  return {
    apiUrl: `${server.url}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    botUserId,
    botId,
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
