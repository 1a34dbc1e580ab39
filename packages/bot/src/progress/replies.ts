/**
 * Two-way SMS in chat: an inbound SMS goes into the thread of the latest send to that number (a STOP or START as a
 * short note on the number's blocklist state), and a reply typed in a thread needs to know which number (and from
 * which of our numbers) to answer.
 */

import { boundedMap, type ChatThread, type Desk, type InboundEvent, type Lang } from '@smsdesk/core'
import type { Platform } from '../commands/context.ts'
import { DEFAULT_LANG, messages } from '../i18n/index.ts'
import { optOutNote } from './opt-out-note.ts'

/** How a platform posts a line of text (an inbound SMS, an opt-out note) into a send's thread. */
export type ThreadPoster = (thread: ChatThread, text: string) => Promise<void>

export interface ReplyTarget {
  number: string
  sender: string
}

/**
 * Remembered per thread (at least the latest this many threads): who wrote last, so a reply in a multi-recipient
 * thread answers that person.
 */
const REMEMBERED_THREADS = 10_000

export class ReplyRouter {
  readonly #desk: Desk
  readonly #windowMs: number
  readonly #log: (message: string, err?: unknown) => void
  readonly #posters = new Map<Platform, ThreadPoster>()
  readonly #lastInbound = boundedMap<ReplyTarget>(2 * REMEMBERED_THREADS)
  readonly #unsubscribe: () => void
  readonly #inFlight = new Set<Promise<void>>()

  constructor(desk: Desk, options: { windowMs: number; log: (message: string, err?: unknown) => void }) {
    this.#desk = desk
    this.#windowMs = options.windowMs
    this.#log = options.log
    this.#unsubscribe = desk.events.onInbound((event) => {
      const work = this.#route(event)
        .catch((err: unknown) => this.#log('could not post an inbound SMS into chat', err))
        .finally(() => this.#inFlight.delete(work))
      this.#inFlight.add(work)
    })
  }

  register(platform: Platform, poster: ThreadPoster): void {
    this.#posters.set(platform, poster)
  }

  async #route(event: InboundEvent): Promise<void> {
    // The core acts on keywords; SPARA is bookkeeping, STOP and START are told as a note, the rest is conversation.
    if (event.keyword === 'SPARA') return
    const found = await this.#desk.chat.recentThreadForNumber(event.accountId, event.from, this.#windowMs)
    if (!found) return
    const post = this.#posters.get(found.thread.platform)
    if (!post) return
    const workspace = await this.#desk.chat.getWorkspace(found.thread.platform, found.thread.workspaceId)
    const lang: Lang = workspace?.lang ?? DEFAULT_LANG
    if (event.keyword !== null) {
      const note = await optOutNote(this.#desk, event, lang, found.thread.platform)
      if (note !== null) await post(found.thread, note)
      return
    }
    this.#lastInbound.set(found.thread.id, { number: event.from, sender: event.to })
    await post(found.thread, messages(lang).inboundIn(event.from, event.body))
  }

  /**
   * Who a reply typed in `thread` goes to: whoever last wrote into it, else the send's only recipient
   * (from the same sender). Null for a send to several people nobody has answered yet.
   */
  async replyTarget(thread: ChatThread, accountId: string): Promise<ReplyTarget | null> {
    const last = this.#lastInbound.get(thread.id)
    if (last) return last
    const page = await this.#desk.messages.list(accountId, { batchId: thread.batchId, limit: 2 })
    const only = page.items.length === 1 ? page.items[0] : undefined
    return only ? { number: only.recipient, sender: only.sender } : null
  }

  async close(): Promise<void> {
    this.#unsubscribe()
    await Promise.allSettled([...this.#inFlight])
  }
}
