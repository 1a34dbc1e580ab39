/** A local `response_url` receiver: what Slack would show the person after a slash command or button click. */

import { listenLocal, sendJson } from './http.ts'

export interface ResponseUrlMessage {
  /** The id in the URL, so a test knows which request it answers. */
  id: string
  body: Record<string, unknown>
}

export interface ResponseUrlStandin {
  /** A fresh response URL for one request. */
  urlFor(id: string): string
  readonly messages: ResponseUrlMessage[]
  messagesFor(id: string): ResponseUrlMessage[]
  close(): Promise<void>
}

export async function startResponseUrlStandin(): Promise<ResponseUrlStandin> {
  const messages: ResponseUrlMessage[] = []
  const server = await listenLocal((req, res, raw) => {
    const id = decodeURIComponent((req.url ?? '').replace(/^\/respond\//, ''))
    try {
      messages.push({ id, body: JSON.parse(raw) as Record<string, unknown> })
    } catch {
      return sendJson(res, 400, { ok: false, error: 'invalid_json' })
    }
    sendJson(res, 200, { ok: true })
  })
  return {
    urlFor: (id) => `${server.url}/respond/${encodeURIComponent(id)}`,
    messages,
    messagesFor: (id) => messages.filter((m) => m.id === id),
    close: () => server.close(),
  }
}
