/** The live-status tracker follows only sends the bot posted a message for: REST API sends cost it no query. */
import type { ChatThread } from '@smsdesk/core'
import { createDesk } from '@smsdesk/core'
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
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
    accountId = (await desk.accounts.create({ name: 'Tracked', balance: 100_000 })).id
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
    desk.messages.send(accountId, { sender: 'Anna', recipients: [recipient], body: 'Hej', source })

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
    const dispatcher = desk.dispatcher.start({ pollMs: 5 })
    try {
      await until(() => updates.some((u) => u.answer.track?.final === true))
      for (const id of [fromApi.messages[0]!.id, fromChat.messages[0]!.id]) {
        await until(async () => (await desk.messages.get(accountId, id)).final)
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

  const chatSend = async (recipient: string, messageRef: string) => {
    const sent = await send('slack', recipient)
    await desk.chat.saveThread({
      platform: 'slack',
      workspaceId: 'T1',
      batchId: sent.batchId,
      channel: 'C1',
      messageRef,
      conversation: null,
    })
    return sent
  }

  it('follows again, after a restart, the chat sends that are not final, and keeps them current to the end', async () => {
    const open = await chatSend('+46701234503', '1700000000.000200')
    const delivered = await chatSend('+46701234504', '1700000000.000300')
    tracker.follow(delivered.batchId)
    const dispatcher = desk.dispatcher.start({ pollMs: 5 })
    try {
      await until(async () => (await desk.messages.get(accountId, delivered.messages[0]!.id)).final)
      // A new process: a tracker that has followed nothing yet. Only the send still on its way is followed again.
      await tracker.close()
      const before = updates.length
      tracker = new ProgressTracker(desk, { intervalMs: 5, settings: DEFAULT_SETTINGS, log: () => {} })
      tracker.register('slack', async (thread, answer) => void updates.push({ thread, answer }))
      // The number ending in 503 waits at 503 SubscriberOffline until its validity ends.
      await until(async () => (await desk.messages.get(accountId, open.messages[0]!.id)).status.code === 503)
      expect(await tracker.resume()).toBe(1)
      expect(tracker.isFollowing(open.batchId)).toBe(true)
      expect(tracker.isFollowing(delivered.batchId)).toBe(false)
      expect(updates.length).toBe(before)
      // Its validity runs out: 202 Expired is shown in its message, and then it is no longer followed.
      desk.clock.advance(73 * 3_600_000)
      await desk.messages.expireOverdue()
      await until(() =>
        updates.some((u) => u.thread.batchId === open.batchId && u.answer.track?.final === true),
      )
      expect(tracker.isFollowing(open.batchId)).toBe(false)
    } finally {
      await dispatcher.stop()
    }
  })

  it('shows on close what was waiting for its interval, instead of dropping it', async () => {
    await tracker.close()
    tracker = new ProgressTracker(desk, { intervalMs: 60_000, settings: DEFAULT_SETTINGS, log: () => {} })
    tracker.register('slack', async (thread, answer) => void updates.push({ thread, answer }))
    const sent = await chatSend('+46701234505', '1700000000.000400')
    tracker.follow(sent.batchId)
    await desk.messages.cancel(accountId, sent.messages[0]!.id)
    expect(updates).toHaveLength(0)
    await tracker.close()
    expect(updates).toHaveLength(1)
    expect(updates[0]!.answer.track).toEqual({ batchId: sent.batchId, accountId, final: true })
  })

  it('shows on close a change that arrived while an update was being posted', async () => {
    await tracker.close()
    tracker = new ProgressTracker(desk, { intervalMs: 5, settings: DEFAULT_SETTINGS, log: () => {} })
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    let posting = false
    tracker.register('slack', async (thread, answer) => {
      posting = true
      await gate
      updates.push({ thread, answer })
    })
    const sent = await chatSend('+46701234506', '1700000000.000500')
    tracker.follow(sent.batchId)
    await until(() => posting)
    await desk.messages.cancel(accountId, sent.messages[0]!.id)
    const closed = tracker.close()
    release()
    await closed
    expect(updates).toHaveLength(2)
    expect(updates[0]!.answer.track?.final).toBe(false)
    expect(updates[1]!.answer.track?.final).toBe(true)
  })
})

// Several servers on one PostgreSQL database: the status may be recorded by a server other than the one that posted.
for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`ProgressTracker with two servers on ${dialect}`, () => {
    it('keeps a chat message current when another server records the statuses', async () => {
      const here = await createTestDesk(dialect)
      const there = await createDesk({ database: here.url })
      const updates: Answer[] = []
      const tracker = new ProgressTracker(here, { intervalMs: 5, settings: DEFAULT_SETTINGS, log: () => {} })
      tracker.register('slack', async (_thread, answer) => void updates.push(answer))
      try {
        const accountId = (await here.accounts.create({ name: 'Two servers', balance: 100_000 })).id
        await here.chat.linkWorkspace('slack', 'T1', accountId, 'U1', 'admin')
        const sent = await here.messages.send(accountId, {
          sender: 'Anna',
          recipients: ['+46701234507'],
          body: 'Hej',
          source: 'slack',
          sendAt: new Date(here.clock.now().getTime() + 3_600_000),
        })
        await here.chat.saveThread({
          platform: 'slack',
          workspaceId: 'T1',
          batchId: sent.batchId,
          channel: 'C1',
          messageRef: '1700000000.000600',
          conversation: null,
        })
        tracker.follow(sent.batchId)
        await until(() => updates.length > 0)
        await there.messages.cancel(accountId, sent.messages[0]!.id)
        await until(() => updates.some((a) => a.track?.final === true))
        expect(tracker.isFollowing(sent.batchId)).toBe(false)
      } finally {
        await tracker.close()
        await there.close()
        await here.close()
      }
    })
  })
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}
