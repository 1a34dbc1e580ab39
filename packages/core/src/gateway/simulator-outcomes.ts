/** Which delivery reports the simulator sends, chosen by the recipient's last three digits. Browser-safe data. */

export interface SimulatorOutcome {
  /** The recipient's last three digits that pick this outcome; null for every other number. */
  lastDigits: string | null
  /** The final (or, for 503, last) code the message ends at. */
  code: number
  /** Reports in the order they are pushed, after the dispatcher's own 110 Sending and 111 DeliveredToGateway. */
  path: readonly number[]
  /** What the outcome plays out, for the README. */
  story: string
}

const outcome = (code: number, path: readonly number[], story: string): SimulatorOutcome => ({
  lastDigits: String(code),
  code,
  path,
  story,
})

/** Every outcome the simulator can produce; the last row is the default for any other number. */
export const SIMULATOR_OUTCOMES: readonly SimulatorOutcome[] = [
  outcome(202, [112, 503, 202], 'The phone stays off until the validity period ends.'),
  outcome(406, [114, 406], 'The upstream gateway refuses the message.'),
  outcome(410, [112, 410], 'The operator says the number has no SMS subscription.'),
  outcome(500, [114, 500], 'The upstream gateway hits an internal error.'),
  outcome(501, [112, 501], 'The operator knows no subscriber with this number.'),
  outcome(502, [112, 113, 502], 'The network cannot reach the phone and gives up.'),
  outcome(
    503,
    [112, 113, 503],
    'The phone is offline; nothing more is reported, so the message expires (202) when its validity ends.',
  ),
  outcome(511, [511], 'The upstream gateway will not take the message at all.'),
  outcome(512, [114, 512], 'The message cannot be handed to the operator.'),
  outcome(513, [114, 112, 513], 'The operator cannot put the message on the mobile network.'),
  outcome(514, [114, 112, 113, 514], 'The phone is reached but does not accept the message.'),
  outcome(515, [114, 112, 515], 'Delivery fails without a precise reason.'),
  outcome(516, [516], 'The upstream gateway answers with an error of its own.'),
  outcome(599, [114, 112, 113, 599], 'No delivery receipt ever comes back.'),
  { lastDigits: null, code: 201, path: [114, 112, 113, 201], story: 'Delivered to the phone.' },
]

const byLastDigits = new Map(SIMULATOR_OUTCOMES.map((o) => [o.lastDigits, o]))
const DELIVERED = byLastDigits.get(null) as SimulatorOutcome

/** The outcome the simulator plays for a recipient (E.164), decided by its last three digits. */
export function simulatorOutcomeFor(recipient: string): SimulatorOutcome {
  return byLastDigits.get(recipient.slice(-3)) ?? DELIVERED
}
