/** What every core module is handed: the database, the dialect, the clock and the in-process event bus. */
import type { Kysely } from 'kysely'
import type { InboundEvent, StatusChangeEvent } from './desk.ts'
import type { Clock } from './ports.ts'
import type { StatusChannel } from './store/pg-status-channel.ts'
import type { Database } from './store/schema.ts'
import type { SupportMessageEvent } from './support/types.ts'

export type Dialect = 'sqlite' | 'postgres'

export interface CoreContext {
  db: Kysely<Database>
  dialect: Dialect
  clock: Clock
  events: DeskEvents
  /** Carries this process's status events to the other processes on the database (PostgreSQL). */
  statusChannel?: StatusChannel
}

type Listener<T> = (event: T) => void

/** A tiny typed listener set per event kind. Listeners run after the change is committed; one that throws is isolated. */
export class DeskEvents {
  readonly #status = new Set<Listener<StatusChangeEvent>>()
  readonly #inbound = new Set<Listener<InboundEvent>>()
  readonly #support = new Set<Listener<SupportMessageEvent>>()
  readonly #queued = new Set<() => void>()

  onStatusChange(listener: Listener<StatusChangeEvent>): () => void {
    this.#status.add(listener)
    return () => this.#status.delete(listener)
  }

  onInbound(listener: Listener<InboundEvent>): () => void {
    this.#inbound.add(listener)
    return () => this.#inbound.delete(listener)
  }

  onSupportMessage(listener: Listener<SupportMessageEvent>): () => void {
    this.#support.add(listener)
    return () => this.#support.delete(listener)
  }

  /** A send in this process committed messages for hand-over (for the dispatcher's wake-up; not on the Desk). */
  onQueued(listener: () => void): () => void {
    this.#queued.add(listener)
    return () => this.#queued.delete(listener)
  }

  emitQueued(): void {
    for (const l of this.#queued) safely(l, undefined)
  }

  emitSupportMessage(event: SupportMessageEvent): void {
    for (const l of this.#support) safely(l, event)
  }

  emitStatusChange(event: StatusChangeEvent): void {
    for (const l of this.#status) safely(l, event)
  }

  emitInbound(event: InboundEvent): void {
    for (const l of this.#inbound) safely(l, event)
  }
}

function safely<T>(listener: Listener<T>, event: T): void {
  try {
    listener(event)
  } catch (err) {
    // A listener's bug must not undo or stop a committed state change, nor crash the process; report it and go on.
    console.error('smsdesk: an event listener threw', err)
  }
}

/** ISO-8601 UTC with milliseconds: the one timestamp format in the database. */
export function iso(date: Date): string {
  return date.toISOString()
}
