/**
 * Keeps each send's chat message current: status changes are coalesced per send and flushed at most once per
 * interval, so a 1,000-recipient send costs a handful of `chat.update` calls, and the last flush shows the outcome.
 * Only sends the bot posted a message for are followed: status changes of other sends (the REST API's) cost nothing.
 */

import type { ChatThread, Desk, Lang } from '@smsdesk/core'
import type { Answer } from '../commands/answer.ts'
import type { HandlerSettings, Platform } from '../commands/context.ts'
import { batchAnswer } from '../commands/progress.ts'
import { DEFAULT_LANG } from '../i18n/index.ts'

/**
 * How a platform rewrites its message for a thread. `'gone'`: the platform can no longer reach it (the app was
 * uninstalled from that workspace), so the send is not followed there any more.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: an updater with nothing to report returns nothing, as most do.
export type ThreadUpdater = (thread: ChatThread, answer: Answer, lang: Lang) => Promise<void | 'gone'>

export interface ProgressTrackerOptions {
  intervalMs: number
  settings: HandlerSettings
  log: (message: string, err?: unknown) => void
}

export class ProgressTracker {
  readonly #desk: Desk
  readonly #options: ProgressTrackerOptions
  readonly #updaters = new Map<Platform, ThreadUpdater>()
  readonly #timers = new Map<string, NodeJS.Timeout>()
  /**
   * Sends this process posted a chat message for, until their last flush showed them final. Kept in memory:
   * status changes are in-process events too, and a chat send's message is posted by the process that sent it.
   */
  readonly #followed = new Set<string>()
  /** While `resume` reads which sends to follow again: sends whose status changed meanwhile. */
  #changedWhileResuming: Set<string> | null = null
  /** Sends whose flush is running, and whether another change arrived meanwhile. */
  readonly #running = new Map<string, { again: boolean; done: Promise<void> }>()
  readonly #unsubscribe: () => void
  #closed = false

  constructor(desk: Desk, options: ProgressTrackerOptions) {
    this.#desk = desk
    this.#options = options
    this.#unsubscribe = desk.events.onStatusChange((event) => {
      if (this.#followed.has(event.batchId)) this.#scheduleRefresh(event.batchId)
      else this.#changedWhileResuming?.add(event.batchId)
    })
  }

  register(platform: Platform, updater: ThreadUpdater): void {
    this.#updaters.set(platform, updater)
  }

  /**
   * Follows a send whose chat message was just posted (its thread saved) and refreshes it soon. From then on its
   * status changes refresh it too, until it is final. Statuses recorded before this call are not lost: a refresh
   * reads the send's whole current state.
   */
  follow(batchId: string): void {
    if (this.#closed) return
    this.#followed.add(batchId)
    this.#scheduleRefresh(batchId)
  }

  /**
   * Follows again every send that has a chat message and is not final yet, so that after a restart their messages
   * keep updating; returns how many. Nothing is refreshed at once: the statuses did not change while the process
   * was stopped (its last changes were shown on the way down, see `close`), and a restart should not set off a
   * burst of chat updates. A send whose status changes while this runs is refreshed.
   */
  async resume(): Promise<number> {
    if (this.#closed) return 0
    this.#changedWhileResuming = new Set()
    try {
      const batchIds = await this.#desk.chat.unfinishedThreadBatches()
      for (const batchId of batchIds) {
        if (this.#closed) break
        this.#followed.add(batchId)
        if (this.#changedWhileResuming.has(batchId)) this.#scheduleRefresh(batchId)
      }
      return batchIds.length
    } finally {
      this.#changedWhileResuming = null
    }
  }

  /** Whether status changes of this send refresh its chat messages. */
  isFollowing(batchId: string): boolean {
    return this.#followed.has(batchId)
  }

  /** One refresh soon; many calls within the interval make one refresh. */
  #scheduleRefresh(batchId: string): void {
    if (this.#closed) return
    const running = this.#running.get(batchId)
    if (running) {
      running.again = true
      return
    }
    if (this.#timers.has(batchId)) return
    const timer = setTimeout(() => {
      this.#timers.delete(batchId)
      this.#flush(batchId)
    }, this.#options.intervalMs)
    timer.unref?.()
    this.#timers.set(batchId, timer)
  }

  #flush(batchId: string): void {
    const state = { again: false, done: Promise.resolve() }
    state.done = this.#refresh(batchId)
      .catch((err: unknown) => this.#options.log(`could not update the message for ${batchId}`, err))
      .finally(() => {
        this.#running.delete(batchId)
        // Closing: a change that arrived during this flush is shown now, not after an interval that never comes.
        if (state.again) this.#closed ? this.#flush(batchId) : this.#scheduleRefresh(batchId)
      })
    this.#running.set(batchId, state)
  }

  async #refresh(batchId: string): Promise<void> {
    const threads = await this.#desk.chat.threadsForBatch(batchId)
    for (const thread of threads) {
      const update = this.#updaters.get(thread.platform)
      if (!update) continue
      const workspace = await this.#desk.chat.getWorkspace(thread.platform, thread.workspaceId)
      if (!workspace) continue
      const lang = workspace.lang ?? DEFAULT_LANG
      const answer = await batchAnswer(this.#desk, workspace.accountId, batchId, lang, this.#options.settings)
      const outcome = await update(thread, answer, lang)
      // A final send changes no more, and an unreachable one cannot be shown: stop following it (a failed update
      // above leaves it followed, to retry).
      if (answer.track?.final || outcome === 'gone') this.#followed.delete(batchId)
    }
    if (threads.length === 0) this.#followed.delete(batchId)
  }

  /**
   * Stops listening, shows at once what was waiting for its interval (a stop must not leave a chat message behind
   * its send: a final status would otherwise never be shown), and lets the flushes finish.
   */
  async close(): Promise<void> {
    this.#closed = true
    this.#unsubscribe()
    for (const [batchId, timer] of this.#timers) {
      clearTimeout(timer)
      this.#flush(batchId)
    }
    this.#timers.clear()
    while (this.#running.size > 0) await Promise.allSettled([...this.#running.values()].map((r) => r.done))
  }
}
