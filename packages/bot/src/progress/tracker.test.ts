/** The live-status tracker follows only sends the bot posted a message for: REST API sends cost it no query. */
import type { ChatThread } from '@smsdesk/core'
import { createTestDesk, type TestDesk } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Answer } from '../commands/answer.ts'
import { DEFAULT_SETTINGS } from '../commands/context.ts'
import { ProgressTracker } from './tracker.ts'

describe('ProgressTracker', () => {
  let desk: TestDesk
  let tracker: ProgressTracker
  let accountId: string
  /** Every batch id the tracker asked the store about. */
  let asked: string[]
  let updates: { thread: ChatThread; answer: Answer }[]

  beforeEach(async () => {
    desk = await createTestDesk('sqlite')
    accountId = (await desk.createAccount({ name: 'Tracked', balance: 100_000 })).id
    await desk.chat.linkWorkspace('slack', 'T1', accountId, 'U1', 'admin')
    asked = []
    updates = []
    const chat = desk.chat
    const threadsForBatch = chat.threadsForBatch.bind(chat)
    // Counts the calls and answers with the real store's answer.
    chat.threadsForBatch = (batchId) => {
      asked.push(batchId)
      return threadsForBatch(batchId)
    }
    tracker = new ProgressTracker(desk, { intervalMs: 5, settings: DEFAULT_SETTINGS, log: () => {} })
    tracker.register('slack', async (thread, answer) => void updates.push({ thread, answer }))
  })
  afterEach(async () => {
    await tracker.close()
    await desk.close()
  })

  const send = (source: 'api' | 'slack', recipient: string) =>
    desk.send(accountId, { sender: 'Anna', recipients: [recipient], body: 'Hej', source })

  it('keeps a chat send’s message current to the end, and never looks up an API send', async () => {
    const fromApi = await send('api', '+46701234501')
    const fromChat = await send('slack', '+46701234502')
    await desk.chat.saveThread({
      platform: 'slack',
      workspaceId: 'T1',
      batchId: fromChat.batchId,
      channel: 'C1',
      messageRef: '1700000000.000100',
      conversation: null,
    })
    tracker.follow(fromChat.batchId)
    const dispatcher = desk.startDispatcher({ pollMs: 5 })
    try {
      await until(() => updates.some((u) => u.answer.track?.final === true))
      for (const id of [fromApi.messages[0]!.id, fromChat.messages[0]!.id]) {
        await until(async () => (await desk.getMessage(accountId, id)).final)
      }
    } finally {
      await dispatcher.stop()
    }
    // Both sends went through every status; the API send's changes were all seen and ignored.
    await new Promise((r) => setTimeout(r, 30))
    expect(asked.length).toBeGreaterThan(0)
    expect(new Set(asked)).toEqual(new Set([fromChat.batchId]))
    expect(updates.every((u) => u.thread.batchId === fromChat.batchId)).toBe(true)
    expect(updates.at(-1)?.answer.track).toEqual({ batchId: fromChat.batchId, accountId, final: true })
    expect(tracker.isFollowing(fromChat.batchId)).toBe(false)
    expect(tracker.isFollowing(fromApi.batchId)).toBe(false)
  })
})

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}
