import { describe, expect, it } from 'vitest'
import { FollowUpQueue } from './follow-ups.ts'

describe('FollowUpQueue', () => {
  it('runs every task, in arrival order, never more than the limit at once', async () => {
    const queue = new FollowUpQueue(3)
    let running = 0
    let most = 0
    const started: number[] = []
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        queue.run(async () => {
          started.push(i)
          running++
          most = Math.max(most, running)
          await new Promise((r) => setTimeout(r, 2))
          running--
          return i * 2
        }),
      ),
    )
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2))
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(most).toBe(3)
  })

  it('passes a failure to its caller and keeps working', async () => {
    const queue = new FollowUpQueue(1)
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await queue.run(async () => 'still works')).toBe('still works')
  })
})
