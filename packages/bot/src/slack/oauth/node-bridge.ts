/**
 * InstallProvider answers Node's `(req, res)`; our server speaks web Request/Response. This is the smallest
 * pair of stand-ins it reads and writes: the URL, Host and Cookie headers in, status, headers and body out.
 */

import type { IncomingMessage, ServerResponse } from 'node:http'

export interface NodeExchange {
  req: IncomingMessage
  res: ServerResponse
  /** The answer written so far (empty 500 if nothing was). */
  response(): Response
}

export function nodeExchange(request: Request): NodeExchange {
  const url = new URL(request.url)
  const headers: Record<string, string> = { host: url.host }
  const cookie = request.headers.get('cookie')
  if (cookie !== null) headers.cookie = cookie
  const req = { url: `${url.pathname}${url.search}`, method: request.method, headers }

  const out = new Headers()
  let status = 500
  let body = ''
  const setHeader = (name: string, value: string | number | readonly string[]) => {
    out.delete(name)
    for (const v of Array.isArray(value) ? value : [String(value)]) out.append(name, v)
  }
  const res = {
    getHeader: (name: string) => {
      if (name.toLowerCase() === 'set-cookie') return out.getSetCookie()
      return out.get(name) ?? undefined
    },
    setHeader(name: string, value: string | number | readonly string[]) {
      setHeader(name, value)
      return res
    },
    writeHead(code: number, extra?: Record<string, string>) {
      status = code
      for (const [name, value] of Object.entries(extra ?? {})) setHeader(name, value)
      return res
    },
    end(chunk?: string) {
      body = chunk ?? ''
      return res
    },
  }
  return {
    req: req as unknown as IncomingMessage,
    res: res as unknown as ServerResponse,
    response: () => new Response(body === '' ? null : body, { status, headers: out }),
  }
}
