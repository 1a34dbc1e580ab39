/**
 * One POST over node:http(s) whose connection goes only to addresses checked beforehand: the socket's DNS lookup
 * answers with those addresses, so a name cannot re-resolve to a private address between check and connect.
 */
import type { LookupAddress } from 'node:dns'
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'

export interface PostAnswer {
  status: number
  retryAfter: string | null
}

export interface PinnedPoster {
  post(
    url: string,
    addresses: LookupAddress[] | null,
    init: { headers: Record<string, string>; body: string; timeoutMs: number },
  ): Promise<PostAnswer>
  close(): void
}

/** A poster with its own keep-alive pools (a pooled socket is connected to an address checked when it opened). */
export function createPinnedPoster(): PinnedPoster {
  const http = new HttpAgent({ keepAlive: true })
  const https = new HttpsAgent({ keepAlive: true })
  return {
    post(url, addresses, { headers, body, timeoutMs }) {
      const target = new URL(url)
      const secure = target.protocol === 'https:'
      const send = secure ? httpsRequest : httpRequest
      return new Promise((resolve, reject) => {
        const req = send(
          target,
          {
            method: 'POST',
            agent: secure ? https : http,
            headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
            signal: AbortSignal.timeout(timeoutMs),
            // null: the operator allowed private networks, so the system resolver is used as it is.
            ...(addresses ? { lookup: pinnedLookup(addresses) } : {}),
          },
          (res) => {
            // Only the status matters; the body is read and dropped so the socket can be reused.
            res.resume()
            const retry = res.headers['retry-after']
            resolve({ status: res.statusCode ?? 0, retryAfter: typeof retry === 'string' ? retry : null })
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    },
    close() {
      http.destroy()
      https.destroy()
    },
  }
}

function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'object' ? options.family : undefined
    const fitting = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses
    const pool = fitting.length > 0 ? fitting : addresses
    if (typeof options === 'object' && options.all) {
      ;(callback as unknown as (err: null, all: LookupAddress[]) => void)(null, pool)
      return
    }
    const first = pool[0]!
    callback(null, first.address, first.family)
  }
}
