/**
 * The work after an ack (database, Web API, response_url) runs a few at a time, behind the acks: under a burst of
 * slash commands every ack goes out within milliseconds, and the answers follow as fast as the machine allows.
 * Slack waits up to 3 s for an ack but 30 minutes for a response_url answer, so this is the order that matters.
 */
export class FollowUpQueue {
  readonly #limit: number
  #active = 0
  readonly #waiting: (() => void)[] = []

  constructor(limit: number) {
    this.#limit = limit
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // One turn of the event loop first, so the ack's response is written before any of this work starts.
    await new Promise<void>((resolve) => setImmediate(resolve))
    if (this.#active < this.#limit) this.#active++
    else await new Promise<void>((resolve) => this.#waiting.push(resolve))
    try {
      return await task()
    } finally {
      // Hand the slot straight to the next in line, so a newcomer cannot overtake it.
      const next = this.#waiting.shift()
      if (next) setImmediate(next)
      else this.#active--
    }
  }
}
