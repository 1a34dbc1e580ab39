/** The default gateway: accepts every message and reports a scripted path to a final code, per recipient. */

import { boundedMap } from '../bounded-map.ts'
import {
  type Clock,
  type DeliveryReport,
  type GatewayEvents,
  type HandedOverSms,
  type OutboundSms,
  type SmsGateway,
  type SubmitOutcome,
  systemClock,
} from '../ports.ts'
import { simulatorOutcomeFor } from './simulator-outcomes.ts'

export { SIMULATOR_OUTCOMES, type SimulatorOutcome, simulatorOutcomeFor } from './simulator-outcomes.ts'

export interface SimulatorOptions {
  /** Milliseconds between two reports of one message (also before the first). 0 runs them back to back. */
  stepDelayMs?: number
  /** Stamps each report; pass the desk's clock so reports line up with the rest of the history. */
  clock?: Clock
  /**
   * How many references it holds at most (for `findByReference` and `countByReference`): always the latest half
   * of them, forgotten oldest first. A real gateway keeps messages for a while, not forever; an in-doubt hand-over is
   * asked about within a lease. Default 100,000.
   */
  remember?: number
}

/** The simulator plus what tests and the demo can ask it. */
export interface SimulatorGateway extends SmsGateway {
  /** How many times a message (our message id) was submitted; 2 or more means it was sent twice. */
  countByReference(id: string): number
  /** How many batches (submit calls) it took. */
  batchCount(): number
}

/**
 * A gateway without a network. Like iP1 it takes a batch per call (the messages of one hand-over, one reference).
 * Every message is accepted (gateway id `sim-<our id>`), then its reports are
 * pushed to the attached sink one step per `stepDelayMs`, in order, each awaited before the next (the messages of
 * one batch take their steps together).
 * Which path it takes depends on the recipient's last three digits (see `SIMULATOR_OUTCOMES`).
 */
export function createSimulatorGateway(opts: SimulatorOptions = {}): SimulatorGateway {
  const stepDelayMs = Math.max(0, opts.stepDelayMs ?? 0)
  const clock = opts.clock ?? systemClock
  const remember = Math.max(1, opts.remember ?? 100_000)
  // Bounded, so a server that runs on the simulator for days does not grow with every message it ever sent.
  // Per message id: the gateway id it was given and how many times it was submitted (one map, so both are
  // forgotten together).
  const held = boundedMap<{ gatewayId: string; submissions: number }>(remember)
  let batches = 0
  const rememberReference = (id: string, gatewayId: string) => {
    held.set(id, { gatewayId, submissions: (held.get(id)?.submissions ?? 0) + 1 })
  }
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let sink: GatewayEvents | null = null
  let closed = false

  const later = (step: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!closed) step()
    }, stepDelayMs)
    timers.add(timer)
  }

  /**
   * Plays the paths of one submitted batch together: step by step, each step's reports for all its messages pushed
   * at once and awaited before the next step (one timer per step, not one per message and step). A message whose
   * report was not taken stops there; the others go on.
   */
  const playPaths = (messages: readonly OutboundSms[]) => {
    let playing = messages.map((message) => ({
      id: message.id,
      gatewayId: `sim-${message.id}`,
      path: simulatorOutcomeFor(message.recipient).path,
    }))
    const pushStep = (index: number) => {
      const events = sink
      playing = playing.filter((p) => p.path[index] !== undefined)
      if (playing.length === 0 || !events) return
      const at = clock.now()
      const step = playing
      void Promise.all(
        step.map((p) => {
          const code = p.path[index] as number
          const report: DeliveryReport = { messageId: p.id, gatewayId: p.gatewayId, code, at }
          return events.deliveryReport(report).then(
            () => true,
            (err: unknown) => {
              // The sink failing (a closed desk, a database hiccup) ends this message's story; the store still
              // holds it, and the core expires what never became final.
              console.error(`smsdesk simulator: delivery report ${code} for ${p.id} was not taken`, err)
              return false
            },
          )
        }),
      ).then((taken) => {
        playing = step.filter((_, i) => taken[i])
        later(() => pushStep(index + 1))
      })
    }
    later(() => pushStep(0))
  }

  return {
    name: 'simulator',
    async submit(messages: readonly OutboundSms[]): Promise<SubmitOutcome[]> {
      batches += new Set(messages.map((m) => m.reference)).size
      const outcomes = messages.map((message): SubmitOutcome => {
        const gatewayId = `sim-${message.id}`
        rememberReference(message.id, gatewayId)
        return { id: message.id, ok: true, gatewayId }
      })
      if (!closed) playPaths(messages)
      return outcomes
    },
    async findByReference(messages: readonly HandedOverSms[]): Promise<Map<string, string>> {
      const found = new Map<string, string>()
      for (const { id } of messages) {
        const gatewayId = held.get(id)?.gatewayId
        if (gatewayId !== undefined) found.set(id, gatewayId)
      }
      return found
    },
    batchCount: () => batches,
    attach(events: GatewayEvents): void {
      sink = events
    },
    countByReference(id: string): number {
      return held.get(id)?.submissions ?? 0
    },
    async close(): Promise<void> {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}
