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
import { isAllowedServiceUrl, isPlausibleBearer } from './gate.ts'

export function createTeamsAdapter(config: TeamsConfig): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    // No app id is how botbuilder knows to skip authentication; only BOT_TEAMS=unauthenticated gets here without.
    MicrosoftAppId: config.auth === 'authenticated' ? config.appId : '',
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
    ...(config.openIdMetadataUrl === null
      ? {}
      : { ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl }),
  }
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options))
}

/**
 * Runs one Bot Framework request through the adapter (which authenticates it) and returns its HTTP answer.
 * Refusals carry no body: the adapter's error text (OpenID fetches, token claims) stays in the process.
 */
export async function processWebRequest(
  adapter: CloudAdapter,
  config: TeamsConfig,
  req: Request,
  logic: (context: TurnContext) => Promise<void>,
  log: (message: string, err?: unknown) => void,
): Promise<Response> {
  if (req.method !== 'POST') return new Response('', { status: 405 })
  const authenticated = config.auth === 'authenticated'
  if (authenticated && !isPlausibleBearer(req.headers.get('authorization'), Math.floor(Date.now() / 1000)))
    return new Response(null, { status: 401 })
  let body: unknown
  try {
    body = await req.json()
  } catch {
    return new Response('', { status: 400 })
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return new Response('', { status: 400 })
  // The only host the bot ever posts to is the one the activity names: never one outside the list.
  if (!isAllowedServiceUrl((body as { serviceUrl?: unknown }).serviceUrl, config))
    return new Response(null, { status: 403 })

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
  try {
    await adapter.process({ method: req.method, headers, body: body as Record<string, unknown> }, res, logic)
  } catch (err) {
    // botbuilder throws (rather than answers) for an activity it cannot read.
    log('Teams: an activity could not be read', err)
    return new Response(null, { status: 400 })
  }
  if (status >= 400) {
    // With an app id, the adapter's 500s are tokens it could not verify (signing keys unreachable and the like).
    if (status !== 401) log(`Teams: the adapter refused an activity (${status})`, payload)
    return new Response(null, { status: authenticated && status >= 500 ? 401 : status })
  }
  if (payload === undefined || payload === null)
    return new Response(null, { status, headers: responseHeaders })
  if (typeof payload === 'string') return new Response(payload, { status, headers: responseHeaders })
  responseHeaders.set('content-type', 'application/json')
  return new Response(JSON.stringify(payload), { status, headers: responseHeaders })
}
