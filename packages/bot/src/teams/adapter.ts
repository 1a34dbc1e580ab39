/**
 * The only place that knows the Bot Framework's HTTP side: a `CloudAdapter` configured from env, and a bridge
 * from a web Request to the adapter's `process(req, res, logic)` and back. Moving to Microsoft's successor SDK
 * means replacing this file and `bot.ts`; the command layer does not change.
 */

import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder'
import type { TeamsConfig } from '../config.ts'

export function createTeamsAdapter(config: TeamsConfig): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
  }
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options))
}

/** Runs one Bot Framework request through the adapter (which authenticates it) and returns its HTTP answer. */
export async function processWebRequest(
  adapter: CloudAdapter,
  req: Request,
  logic: (context: TurnContext) => Promise<void>,
): Promise<Response> {
  if (req.method !== 'POST') return new Response('', { status: 405 })
  let body: unknown
  try {
    body = await req.json()
  } catch {
    return new Response('', { status: 400 })
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return new Response('', { status: 400 })

  const headers: Record<string, string> = {}
  req.headers.forEach((value, name) => {
    headers[name] = value
  })
  let status = 200
  let payload: unknown
  const responseHeaders = new Headers()
  const res = {
    socket: null,
    status(code: number) {
      status = code
      return res
    },
    header(name: string, value: unknown) {
      responseHeaders.set(name, String(value))
      return res
    },
    send(data: unknown) {
      payload = data
      return res
    },
    end() {
      return res
    },
  }
  await adapter.process({ method: req.method, headers, body: body as Record<string, unknown> }, res, logic)
  if (payload === undefined || payload === null)
    return new Response(null, { status, headers: responseHeaders })
  if (typeof payload === 'string') return new Response(payload, { status, headers: responseHeaders })
  responseHeaders.set('content-type', 'application/json')
  return new Response(JSON.stringify(payload), { status, headers: responseHeaders })
}
