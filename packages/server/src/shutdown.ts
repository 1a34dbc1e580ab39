/** Graceful stop for the HTTP server: no new connections, finish what is in flight, then close the rest. */
import type { Server } from 'node:http'
import type { ServerType } from '@hono/node-server'

/** Returns `drain()`: closes the listener and resolves once in-flight requests are answered (or after `graceMs`). */
export function drainOnClose(serverType: ServerType, graceMs = 10_000): () => Promise<void> {
  const server = serverType as Server
  return () =>
    new Promise<void>((resolve) => {
      // A keep-alive connection goes idle once its last response is sent; close it then rather than waiting
      // for the client, and give up on stragglers after the grace period.
      const sweep = setInterval(() => server.closeIdleConnections(), 50)
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs)
      server.close(() => {
        clearInterval(sweep)
        clearTimeout(deadline)
        resolve()
      })
      server.closeIdleConnections()
    })
}
