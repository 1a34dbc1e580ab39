/**
 * Hand-over bench: a 100,000-recipient send on SQLite handed to the iP1 stand-in (each POST answering after 50 ms)
 * in batches of 1,000 — messages per second from accepted to all handed over, and HTTP calls — beside the old
 * path, one call per message (the same adapter and dispatcher with a hand-over size of 1), measured in the same run
 * on a smaller send (at one call per message, 100,000 would take minutes).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDesk, createIp1Gateway } from '../packages/core/src/index.ts'
import { startIp1Standin } from '../packages/core/src/testing.ts'

const RECIPIENTS = 100_000
const OLD_PATH_RECIPIENTS = 2_000
const ANSWER_MS = 50

interface Run {
  recipients: number
  ms: number
  calls: number
}

async function handOverRun(recipients: number, handOverSize: number, batchSize: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-handover-'))
  const standin = await startIp1Standin({ answerDelayMs: ANSWER_MS })
  try {
    const gateway = createIp1Gateway({ apiKey: standin.apiKey, baseUrl: standin.url, timeoutMs: 10_000 })
    const desk = await createDesk({ database: join(dir, 'desk.sqlite'), gateway })
    const account = await desk.accounts.create({ name: 'bench', balance: recipients * 100 })
    const numbers = Array.from(
      { length: recipients },
      (_, i) => `+4670${String(1_000_000 + i).padStart(7, '0')}`,
    )
    const sent = await desk.messages.send(account.id, {
      sender: 'Bench',
      recipients: numbers,
      body: 'Hej från smsdesk',
    })
    const started = performance.now()
    const dispatcher = desk.dispatcher.start({ batchSize, handOverSize, concurrency: 4, pollMs: 5 })
    // Watching the stand-in costs the database nothing; the store is read once every recipient has reached it.
    while (standin.recipientTotal() < recipients) await new Promise((r) => setTimeout(r, 10))
    for (;;) {
      const summary = await desk.messages.batchSummary(account.id, sent.batchId)
      const waiting = summary.byStatus
        .filter((s) => s.code === 103 || s.code === 110)
        .reduce((n, s) => n + s.count, 0)
      if (waiting === 0) break
      await new Promise((r) => setTimeout(r, 20))
    }
    const ms = performance.now() - started
    await dispatcher.stop()
    await desk.close()
    if (standin.recipientCounts().size !== recipients)
      throw new Error('bench: not every recipient reached iP1')
    return { recipients, ms, calls: standin.callCount() }
  } finally {
    await standin.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export default async function benchHandOver(): Promise<void> {
  const batched = await handOverRun(RECIPIENTS, 1_000, 4_000)
  const single = await handOverRun(OLD_PATH_RECIPIENTS, 1, 200)
  const rate = (r: Run) => Math.round((r.recipients / r.ms) * 1000).toLocaleString('en-US')
  const per = (r: Run) => (r.recipients / r.calls).toFixed(1)
  console.log(
    `hand-over to the iP1 stand-in (each POST answers after ${ANSWER_MS} ms), SQLite, accepted → all handed over`,
  )
  console.log(
    `  batched, 1,000 recipients per call: ${rate(batched)} messages/s, ${batched.calls} HTTP calls for ${batched.recipients.toLocaleString('en-US')} (1 call per ${per(batched)} recipients)  (aim: ≥ 5,000/s, ≥ 500 per call)`,
  )
  console.log(
    `  one call per message (old path, ${single.recipients.toLocaleString('en-US')} messages): ${rate(single)} messages/s, ${single.calls} HTTP calls (1 per ${per(single)})`,
  )
}
