/** `npm start`: reads `.env`, runs smsdesk until SIGTERM or SIGINT, then drains and exits 0. Bad configuration exits 1 in one line. */
import { loadDotEnv } from './env-file.ts'
import { setHeapGrowth } from './heap.ts'
import { ConfigError, loadConfig, startServer } from './index.ts'

function fail(line: string): never {
  process.stderr.write(`${line}\n`)
  process.exit(1)
}

loadDotEnv()
let server: Awaited<ReturnType<typeof startServer>>
try {
  // Process-wide, so here rather than in startServer (which tests and embedders call in their own processes).
  setHeapGrowth(loadConfig(process.env).heapGrowthPercent)
  server = await startServer(process.env)
} catch (err) {
  if (err instanceof ConfigError) fail(err.message)
  const code = (err as { code?: string }).code
  if (code === 'EADDRINUSE') fail(`Cannot start: the port is already in use (set PORT to a free one).`)
  if (code === 'EACCES') fail(`Cannot start: no permission to listen on that port (set PORT above 1024).`)
  fail(`Cannot start smsdesk: ${err instanceof Error ? err.message : String(err)}`)
}

let signalled = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (signalled) return
    signalled = true
    // A stop that hangs (a stuck connection, a wedged database) must not leave a process nobody can end.
    setTimeout(() => fail('smsdesk did not stop within 30 s; exiting anyway.'), 30_000).unref()
    server.stop().then(
      () => process.exit(0),
      (err: unknown) =>
        fail(`smsdesk did not stop cleanly: ${err instanceof Error ? err.message : String(err)}`),
    )
  })
}
