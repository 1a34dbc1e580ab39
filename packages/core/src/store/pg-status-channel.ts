/**
 * Status events between processes on one PostgreSQL database (LISTEN/NOTIFY). Each process still emits its own
 * events in-process; this carries them to the other servers, so a send's chat message and a look-up cache stay
 * current when a delivery report reaches another server. Best effort, like the in-process events: a notification
 * sent while a listener is reconnecting is not repeated (readers fall back on the store).
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { StatusChangeEvent } from '../desk.ts'
import { statusName } from '../status/catalogue.ts'

/** Carries committed status changes to the other processes on the same database. */
export interface StatusChannel {
  /** Sends `events` (already committed) to the other processes; never throws, never waits for them. */
  publish(events: readonly StatusChangeEvent[]): void
  /** Starts delivering the other processes' events to `receive`. */
  listen(receive: (events: StatusChangeEvent[]) => void): Promise<void>
  close(): Promise<void>
}

/** PostgreSQL allows 8,000 bytes per payload; events are packed into notifications below this. */
const MAX_PAYLOAD = 7_000
const RECONNECT_MS = [250, 1_000, 5_000, 30_000]

type Packed = [
  accountId: string,
  messageId: string,
  batchId: string,
  recipient: string,
  code: number,
  final: 0 | 1,
  atMs: number,
]

/**
 * A channel over `pool` (publishing) and one dedicated connection to `url` (listening). The channel name carries
 * the schema, so several schemas on one server (tests, tenants) do not hear each other.
 */
export async function openPgStatusChannel(
  pool: pg.Pool,
  url: string,
  log: (message: string, err?: unknown) => void = (m, e) =>
    console.error(`smsdesk: ${m}`, e instanceof Error ? e.message : (e ?? '')),
): Promise<StatusChannel> {
  const { rows } = await pool.query<{ schema: string }>('select current_schema() as schema')
  const channel = `smsdesk_status:${rows[0]?.schema ?? 'public'}`
  /** Who sent a notification: a process hears its own too, and has already emitted those. */
  const self = randomBytes(6).toString('base64url')
  let client: pg.Client | null = null
  let receive: ((events: StatusChangeEvent[]) => void) | null = null
  let closed = false
  let attempt = 0
  let retry: NodeJS.Timeout | undefined

  function onNotification(message: pg.Notification): void {
    if (message.channel !== channel || !message.payload || !receive) return
    try {
      const { from, events } = JSON.parse(message.payload) as { from: string; events: Packed[] }
      if (from === self) return
      receive(events.map(unpack))
    } catch (err) {
      log('ignored an unreadable status notification', err)
    }
  }

  async function connect(): Promise<void> {
    // Named, so an operator sees what the connection is for (and a test can find the one of its schema).
    const next = new pg.Client({ connectionString: url, application_name: channel.slice(0, 63) })
    next.on('notification', onNotification)
    next.on('error', (err) => {
      if (client === next) log('the status-event connection failed; reconnecting', err)
      lost(next)
    })
    next.on('end', () => lost(next))
    try {
      await next.connect()
      await next.query(`listen ${pg.escapeIdentifier(channel)}`)
    } catch (err) {
      await next.end().catch(() => undefined)
      throw err
    }
    if (closed) {
      await next.end().catch(() => undefined)
      return
    }
    client = next
    attempt = 0
  }

  /** The listening connection went away: open another after a growing pause. */
  function lost(which: pg.Client): void {
    if (client !== which) return
    client = null
    which.end().catch(() => undefined)
    scheduleConnect()
  }

  function scheduleConnect(): void {
    if (closed || retry) return
    const delay = RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]
    retry = setTimeout(() => {
      retry = undefined
      connect().catch((err: unknown) => {
        log('could not reconnect the status-event connection', err)
        scheduleConnect()
      })
    }, delay)
    retry.unref?.()
  }

  /**
   * Events published in this turn of the event loop, sent together after it: each send and each recorded group
   * publishes its own, and a notification per publish was one more statement per send (the pool's connection, a
   * round trip, a write to the socket), where one per turn carries them all.
   */
  let pending: StatusChangeEvent[] = []
  function flush(): void {
    const events = pending
    pending = []
    if (closed) return
    for (const payload of packPayloads(self, events)) {
      pool
        .query('select pg_notify($1, $2)', [channel, payload])
        .catch((err: unknown) => log('could not tell other processes about status changes', err))
    }
  }

  return {
    publish(events) {
      if (closed || events.length === 0) return
      if (pending.length === 0) setImmediate(flush)
      for (const event of events) pending.push(event)
    },
    async listen(listener) {
      receive = listener
      if (!client && !closed) await connect()
    },
    async close() {
      // What this turn published still goes out, as it did when each publish sent its own.
      if (pending.length > 0) flush()
      closed = true
      clearTimeout(retry)
      retry = undefined
      const open = client
      client = null
      await open?.end().catch(() => undefined)
    },
  }
}

function packPayloads(from: string, events: readonly StatusChangeEvent[]): string[] {
  const payloads: string[] = []
  const head = `{"from":${JSON.stringify(from)},"events":[`
  let body = ''
  for (const e of events) {
    const packed: Packed = [
      e.accountId,
      e.messageId,
      e.batchId,
      e.recipient,
      e.code,
      e.final ? 1 : 0,
      e.at.getTime(),
    ]
    const item = JSON.stringify(packed)
    if (body && head.length + body.length + item.length + 3 > MAX_PAYLOAD) {
      payloads.push(`${head}${body}]}`)
      body = ''
    }
    body = body ? `${body},${item}` : item
  }
  if (body) payloads.push(`${head}${body}]}`)
  return payloads
}

function unpack([accountId, messageId, batchId, recipient, code, final, atMs]: Packed): StatusChangeEvent {
  return {
    accountId,
    messageId,
    batchId,
    recipient,
    code,
    name: statusName(code),
    final: final === 1,
    at: new Date(atMs),
  }
}
