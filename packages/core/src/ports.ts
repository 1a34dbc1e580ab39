/** The narrow interfaces the core needs from the outside world; adapters implement them. */

/** Where time comes from, so tests and the simulator can move it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export type Encoding = 'GSM-7' | 'UCS-2'

/**
 * One message as handed to a gateway. `id` is our message id; `reference` is the hand-over it travels in, recorded
 * before the call: the messages of one `submit` call share it (and their sender, body and encoding), so a gateway
 * that takes batches sends them as one, under that reference.
 */
export interface OutboundSms {
  id: string
  reference: string
  sender: string
  /** E.164, with the leading plus. */
  recipient: string
  body: string
  encoding: Encoding
  validUntil: Date
}

/** What a gateway said about one submitted message. */
export type SubmitOutcome =
  | { id: string; ok: true; gatewayId: string }
  /**
   * `transient` failures are retried with backoff; others end the message with `code` (default 516). `inDoubt`:
   * the call may have reached the gateway without its answer reaching us (a timeout, a dropped connection), so
   * the gateway may hold the message — it is asked before anything is decided.
   */
  | { id: string; ok: false; transient: boolean; inDoubt?: boolean; code?: number; error: string }

/** A message whose hand-over may have reached the gateway: what a look-up needs to find it there. */
export interface HandedOverSms {
  id: string
  /** The hand-over reference it was submitted under. */
  reference: string
  /** E.164, with the leading plus. */
  recipient: string
}

/** A delivery report: a status code for one of our messages. */
export interface DeliveryReport {
  /** Our message id; preferred. */
  messageId?: string
  /** The hand-over reference the message travelled under; with `recipient` it names one message. */
  reference?: string
  /** E.164, with the leading plus. */
  recipient?: string
  /** The gateway's own id for the message, used when nothing else finds it. */
  gatewayId?: string
  code: number
  at: Date
}

/** An SMS a phone sent to one of our numbers. */
export interface InboundSms {
  from: string
  to: string
  body: string
  at: Date
  gatewayId?: string
}

/** Where a gateway pushes what it hears; the dispatcher implements this. */
export interface GatewayEvents {
  deliveryReport(report: DeliveryReport): Promise<void>
  inbound(sms: InboundSms): Promise<void>
}

/** The port every SMS gateway adapter implements. */
export interface SmsGateway {
  readonly name: string
  /** Hands messages over. Must not throw for per-message problems; a thrown error counts as transient for all. */
  submit(messages: readonly OutboundSms[]): Promise<SubmitOutcome[]>
  /**
   * For messages whose hand-over is in doubt (a crash or timeout after submit, before its answer was stored): which
   * of them the gateway holds, by their hand-over reference, mapped from our message id to the gateway's id. Lets a
   * restart resume without sending twice. Throws when the gateway cannot be asked.
   */
  findByReference?(messages: readonly HandedOverSms[]): Promise<Map<string, string>>
  /** Numbers the gateway refuses to send to (its own blocklist), as E.164; for syncing ours with it. */
  listBlocked?(): Promise<string[]>
  /** Adds a number (E.164) to the gateway's blocklist; idempotent. */
  block?(number: string): Promise<void>
  /** Gateways that push reports themselves (the simulator) get the sink here. */
  attach?(events: GatewayEvents): void
  /** Stops timers; pending pushes may be dropped (the store still has every message). */
  close?(): Promise<void>
}
