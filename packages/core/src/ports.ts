/** The narrow interfaces the core needs from the outside world; adapters implement them. */

/** Where time comes from, so tests and the simulator can move it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export type Encoding = 'GSM-7' | 'UCS-2'

/** One message as handed to a gateway. `id` is our message id; it travels as the gateway's reference. */
export interface OutboundSms {
  id: string
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
  /** `transient` failures are retried with backoff; others end the message with `code` (default 516). */
  | { id: string; ok: false; transient: boolean; code?: number; error: string }

/** A delivery report: a status code for one of our messages. */
export interface DeliveryReport {
  /** Our message id (the gateway's `reference`); preferred. */
  messageId?: string
  /** The gateway's own id, used when the reference is missing. */
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
   * For messages whose hand-over is in doubt (a crash after submit, before its answer was stored): which of these
   * references the gateway already holds, mapped to its own id. Lets a restart resume without sending twice.
   */
  findByReference?(ids: readonly string[]): Promise<Map<string, string>>
  /** Gateways that push reports themselves (the simulator) get the sink here. */
  attach?(events: GatewayEvents): void
  /** Stops timers; pending pushes may be dropped (the store still has every message). */
  close?(): Promise<void>
}
