/** The support routes, with the conversation token in a header (never in a URL) and kept in our own storage key. */
import { TOKEN_KEY } from './token-key.ts'

const HEADER = 'X-Conversation-Token'

export interface ChatMessage {
  id: string
  author: 'customer' | 'staff'
  staffName: string | null
  text: string
  createdAt: string
}

export interface Availability {
  open: boolean
  nextOpen: string | null
  retentionDays: number
}

export interface StartInput {
  question: string
  name: string
  email: string
  mobile: string
  customerNumber: string
  smsConsent: boolean
  website: string
  lang: 'sv' | 'en'
  page: string
  recentSearches: string[]
}

export class SupportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code)
  }
}

export function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

function storeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token)
    else localStorage.removeItem(TOKEN_KEY)
  } catch {
    // Storage may be off (privacy mode): the conversation then lasts as long as the page.
  }
}

export function createSupportApi(base: string) {
  const call = async <T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (token) headers[HEADER] = token
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const res = await fetch(`${base}/api/v1/support${path}`, {
      method,
      headers,
      credentials: 'omit',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    if (res.status === 204) return undefined as T
    const json = (await res.json().catch(() => null)) as { error?: { code: string } } | null
    if (!res.ok) throw new SupportError(res.status, json?.error?.code ?? 'Failed')
    return json as T
  }
  return {
    availability: () => call<Availability>('GET', '/availability', null),
    async start(input: StartInput): Promise<string> {
      const { token } = await call<{ token: string }>('POST', '/conversations', null, input)
      storeToken(token)
      return token
    },
    conversation: (token: string) =>
      call<{ status: 'open' | 'resolved'; messages: ChatMessage[] }>('GET', '/conversation', token),
    add: (token: string, text: string) =>
      call<ChatMessage>('POST', '/conversation/messages', token, { text }),
    async remove(token: string): Promise<void> {
      await call('DELETE', '/conversation', token)
      storeToken(null)
    },
    forget: () => storeToken(null),
    /**
     * Follows the conversation's event stream (fetch, so the token rides in a header, as EventSource cannot);
     * calls `onMessage` per message and resolves when the stream ends or fails.
     */
    async follow(
      token: string,
      signal: AbortSignal,
      onMessage: (m: ChatMessage) => void,
      onReady: () => void,
    ): Promise<void> {
      const res = await fetch(`${base}/api/v1/support/conversation/events`, {
        headers: { [HEADER]: token, Accept: 'text/event-stream' },
        credentials: 'omit',
        signal,
      })
      if (!res.ok || !res.body) throw new SupportError(res.status, 'NoStream')
      const reader = res.body.getReader()
      const decoder = new TextDecoder()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n')
          if (event === 'message' && data) onMessage(JSON.parse(data) as ChatMessage)
          if (event === 'ready') onReady()
          end = buffer.indexOf('\n\n')
        }
      }
    },
  }
}

export type SupportApi = ReturnType<typeof createSupportApi>
