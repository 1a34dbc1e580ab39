/** Graceful stop for the HTTP server: no new connections, finish what is in flight, then close the rest. */

import type { Server } from 'node:http'
import type { ServerType } from '@hono/node-server'

/** Returns `drain()`: closes the listener and resolves once in-flight requests are answered (or after `graceMs`). */
export function drainOnClose(serverType: ServerType, graceMs = 10_000): () => Promise<void> {
  const server = serverType as Server
  return () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs)
      timer.unref()
      server.close(() => {
        clearTimeout(timer)
        resolve()
      })
      // Keep-alive connections with no request in flight would hold `close` open; in-flight ones finish first.
      server.closeIdleConnections()
    })
}
