/**
 * The work after an ack (database, Web API, response_url) waits behind the acks: it runs a few at a time, and
 * only once requests stop arriving for a moment (or after at most a second). Under a burst of slash commands
 * every ack goes out first and the answers follow. Slack waits 3 s for an ack but 30 minutes for an answer on
 * response_url, so this is the order that matters.
 */

/** Quiet time after the last arrival before follow-up work may start. */
const QUIET_MS = 3
/** Follow-up work never waits longer than this, however busy it is. */
const MAX_DELAY_MS = 1_000

export class FollowUpQueue {
  readonly #limit: number
  #active = 0
  #lastArrival = 0
  #timer: NodeJS.Timeout | null = null
  readonly #waiting: { start: () => void; since: number }[] = []

  constructor(limit: number) {
    this.#limit = limit
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const now = performance.now()
    this.#lastArrival = now
    await new Promise<void>((start) => {
      this.#waiting.push({ start, since: now })
      this.#pump()
    })
    try {
      return await task()
    } finally {
      this.#active--
      this.#pump()
    }
  }

  #pump(): void {
    if (this.#timer !== null) return
    while (this.#active < this.#limit && this.#waiting.length > 0) {
      const head = this.#waiting[0]
      if (!head) return
      const now = performance.now()
      const quietFor = now - this.#lastArrival
      if (quietFor < QUIET_MS && now - head.since < MAX_DELAY_MS) {
        this.#timer = setTimeout(
          () => {
            this.#timer = null
            this.#pump()
          },
          QUIET_MS - quietFor + 0.5,
        )
        return
      }
      this.#waiting.shift()
      this.#active++
      head.start()
    }
  }
}
