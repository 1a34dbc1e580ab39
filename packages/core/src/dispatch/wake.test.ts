import { afterEach, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { testDialects } from '../store/testing.ts'

describe.each(testDialects())('a send wakes the dispatcher on %s', (dialect) => {
  let desk: TestDesk | undefined
  afterEach(async () => {
    await desk?.close()
    desk = undefined
  })

  /** Sends one message while a dispatcher with a minute-long poll is idle; its status code `ms` later. */
  async function codeAfter(ms: number, opts: { wakeMs?: number }): Promise<number> {
    desk = await createTestDesk(dialect)
    const account = await desk.accounts.create({ name: 'wake', balance: 10_000 })
    const dispatcher = desk.dispatcher.start({ pollMs: 60_000, ...opts })
    // The loop's first round starts on a zero timer and finds nothing (runOnce waits for it); from then on only the
    // poll or a wake-up starts one.
    await new Promise((r) => setTimeout(r, 0))
    await dispatcher.runOnce()
    const sent = await desk.messages.send(account.id, {
      sender: 'Wake',
      body: 'Hej',
      recipients: ['+46701230021'],
    })
    const id = sent.messages[0]?.id as string
    const until = Date.now() + ms
    let code = 0
    do {
      code = (await desk.messages.get(account.id, id)).status.code
      if (code >= 111) break
      await new Promise((r) => setTimeout(r, 20))
    } while (Date.now() < until)
    return code
  }

  it('hands a single send over without waiting out the poll', async () => {
    expect(await codeAfter(5_000, {})).toBeGreaterThanOrEqual(111)
  })

  it('leaves it to the poll with wakeMs 0', async () => {
    expect(await codeAfter(600, { wakeMs: 0 })).toBe(103)
  })
})
