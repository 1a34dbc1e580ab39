/**
 * A local stand-in for the Bot Framework connector (the Teams `serviceUrl`): the v3 conversation endpoints the
 * bot calls to send, reply and update, recorded for tests to read.
 */

import { listenLocal, sendJson } from './http.ts'

export interface ConnectorCall {
  kind: 'send' | 'reply' | 'update'
  conversationId: string
  /** The activity replied to or updated. */
  activityId: string | null
  activity: Record<string, unknown>
  authorization: string | null
}

export interface BotConnectorStandin {
  /** Give this as the activities' `serviceUrl`. */
  serviceUrl: string
  readonly calls: ConnectorCall[]
  close(): Promise<void>
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/

export async function startBotConnectorStandin(): Promise<BotConnectorStandin> {
  const calls: ConnectorCall[] = []
  let counter = 0
  const server = await listenLocal((req, res, raw) => {
    const match = ROUTE.exec((req.url ?? '').split('?')[0] ?? '')
    if (!match) return sendJson(res, 404, { error: { code: 'NotFound', message: 'no such route' } })
    const conversationId = decodeURIComponent(match[1] ?? '')
    const activityId = match[2] === undefined ? null : decodeURIComponent(match[2])
    const kind = req.method === 'PUT' ? 'update' : activityId === null ? 'send' : 'reply'
    if ((req.method !== 'POST' && req.method !== 'PUT') || (kind === 'update' && activityId === null))
      return sendJson(res, 405, { error: { code: 'MethodNotAllowed', message: req.method } })
    calls.push({
      kind,
      conversationId,
      activityId,
      activity: JSON.parse(raw || '{}') as Record<string, unknown>,
      authorization: req.headers.authorization ?? null,
    })
    counter++
    sendJson(res, 200, { id: kind === 'update' ? activityId : `activity-${counter}` })
  })
  return { serviceUrl: `${server.url}/`, calls, close: () => server.close() }
}
