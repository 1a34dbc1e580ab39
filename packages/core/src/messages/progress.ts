/** Which way a message's current status may move: only forward, and never away from a final code. */
import { isFinalCode } from '../status/catalogue.ts'

/** Where each non-final code sits on the way out; a report for an earlier step arriving late does not move it back. */
const STEP: Readonly<Record<number, number>> = {
  101: 1,
  102: 2,
  103: 3,
  110: 4,
  111: 5,
  114: 6,
  112: 7,
  113: 8,
  503: 9,
}

/**
 * 599 Unknown is the one final code that may still move: a message closed as in doubt (no answer, no receipt)
 * takes the true final code a later delivery report brings; the refund rules then apply to that code.
 */
const SETTLED_BY_A_LATER_REPORT = 599

/** True when a message at `current` should show `next` as its current status. */
export function advancesTo(current: number, next: number): boolean {
  if (current === SETTLED_BY_A_LATER_REPORT) return isFinalCode(next) && next !== current
  if (isFinalCode(current)) return false
  if (isFinalCode(next)) return true
  return (STEP[next] ?? STEP[111] ?? 0) > (STEP[current] ?? 0)
}

/** Codes a message holds before any gateway has it: it can still be canceled. */
export const CANCELABLE_CODES: readonly number[] = [101, 102, 103]
