/** A clock tests move by hand: time stands still until they advance it. */
import type { Clock } from '../ports.ts'

export interface TestClock extends Clock {
  /** Moves time forward by `ms` and returns the new now. */
  advance(ms: number): Date
  /** Jumps to `date` (forward or back). */
  set(date: Date): void
}

/** Starts at `start` (default: the real time now, so times stay plausible next to real ones). */
export function createTestClock(start: Date = new Date()): TestClock {
  let nowMs = start.getTime()
  return {
    now: () => new Date(nowMs),
    advance(ms) {
      nowMs += ms
      return new Date(nowMs)
    },
    set(date) {
      nowMs = date.getTime()
    },
  }
}
