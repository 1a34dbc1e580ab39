/**
 * Crash safety with a real process: a dispatcher child is SIGKILLed while hand-overs are in flight, a new one
 * takes over, and every message reaches the (stand-in) iP1 API exactly once and ends final.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { parseIp1DeliveryReports } from '@smsdesk/core'
import {
  createTestDesk,
  type Ip1Standin,
  startIp1Standin,
  type TestDesk,
  testDialects,
} from '@smsdesk/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { seNumberEndingIn, waitFor } from './core-helpers.ts'

const CHILD = fileURLToPath(new URL('./core-crash-child.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const MESSAGES = 60

for (const dialect of testDialects()) {
  describe(`crash and restart on ${dialect}`, () => {
    let desk: TestDesk | undefined
    let standin: Ip1Standin | undefined
    let receiver: Server | undefined
    const children: ChildProcess[] = []
    afterEach(async () => {
      for (const child of children.splice(0))
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await standin?.close()
      receiver?.closeAllConnections()
      await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)))
      await desk?.close()
    })

    it('delivers every message exactly once after a dispatcher is killed mid-batch', async () => {
      desk = await createTestDesk(dialect)
      const testDesk = desk
      const { id: accountId } = await desk.accounts.create({ name: 'Crash', balance: 100_000 })
      const recipients = Array.from({ length: MESSAGES }, (_, i) => seNumberEndingIn(i, '+4670555'))
      const sent = await desk.messages.send(accountId, { sender: 'Crash', body: 'Hej', recipients })
      const ids = sent.messages.map((m) => m.id)

      // iP1 posts delivery reports here; we read them the way the server's webhook does.
      const receiverErrors: unknown[] = []
      receiver = createServer(async (req, res) => {
        const chunks: Buffer[] = []
        for await (const chunk of req) chunks.push(chunk as Buffer)
        try {
          const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          for (const report of parseIp1DeliveryReports(body))
            await testDesk.messages.recordDeliveryReport(report)
          res.end('ok')
        } catch (err) {
          receiverErrors.push(err)
          res.statusCode = 500
          res.end()
        }
      })
      await new Promise<void>((r) => receiver?.listen(0, '127.0.0.1', r))
      const reportUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ip1/reports`
      standin = await startIp1Standin({ deliverReports: true })
      const api = standin
      const startChild = () => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', CHILD, testDesk.url, api.url, api.apiKey, reportUrl],
          {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        )
        children.push(child)
        return child
      }

      const first = startChild()
      await waitFor(async () => (api.submissions().length >= 10 ? true : undefined), 30_000)
      // The next two hand-overs reach iP1 but their answers never come back; kill the process while it waits.
      const postsBefore = api.postCount()
      api.failNext(2, 'lost')
      await waitFor(async () => (api.postCount() >= postsBefore + 2 ? true : undefined), 30_000)
      first.kill('SIGKILL')
      await once(first, 'exit')

      // Some messages are in doubt: iP1 holds them, our store still says 110 Sending.
      const held = new Set(api.submissions().flatMap((s) => s.recipients.map((r) => `+${r}`)))
      const sending = await testDesk.db
        .selectFrom('messages')
        .select(['id', 'recipient'])
        .where('batch_id', '=', sent.batchId)
        .where('status_code', '=', 110)
        .execute()
      const inDoubt = sending.filter((m) => held.has(m.recipient)).map((m) => m.id)
      expect(inDoubt.length).toBeGreaterThanOrEqual(2)
      expect(held.size).toBeLessThan(MESSAGES)

      startChild()
      // The new process takes the expired leases over, asks iP1 about the in-doubt ones, and sends the rest.
      await waitFor(async () => {
        const rows = await testDesk.db
          .selectFrom('messages')
          .select('status_code')
          .where('batch_id', '=', sent.batchId)
          .execute()
        return rows.every((r) => r.status_code >= 111) ? true : undefined
      }, 60_000)

      // iP1 reports the lost hand-overs too once the network has delivered them (the stand-in only skipped their answer).
      const inDoubtRecipients = new Set(sending.filter((m) => inDoubt.includes(m.id)).map((m) => m.recipient))
      for (const submission of api.submissions())
        for (const recipient of submission.recipients.filter((r) => inDoubtRecipients.has(`+${r}`)))
          await testDesk.messages.recordDeliveryReport({
            reference: submission.reference ?? '',
            recipient: `+${recipient}`,
            gatewayId: `${submission.batchId}-${recipient}`,
            code: 201,
            at: new Date(),
          })
      await api.reportsSettled()
      const final = await waitFor(async () => {
        const messages = await Promise.all(ids.map((id) => testDesk.messages.get(accountId, id)))
        return messages.every((m) => m.final) ? messages : undefined
      }, 30_000)

      expect(receiverErrors).toEqual([])
      expect(api.reportFailures()).toBe(0)
      // Every recipient reached iP1 exactly once, and no hand-over was posted twice.
      const counts = api.recipientCounts()
      expect(counts.size).toBe(MESSAGES)
      expect([...counts.values()].every((n) => n === 1)).toBe(true)
      for (const s of api.submissions()) expect(api.countByReference(s.reference ?? '')).toBe(1)
      expect(final.every((m) => m.status.code === 201)).toBe(true)
      for (const id of inDoubt) {
        const m = final.find((x) => x.id === id)
        const batch = api.submissions().find((s) => s.recipients.includes(m?.recipient.slice(1) ?? ''))
        expect(m?.gatewayId).toBe(`${batch?.batchId}-${m?.recipient.slice(1)}`)
        expect(m?.statuses.map((s) => s.code).slice(0, 5)).toEqual([101, 102, 103, 110, 111])
      }
      expect((await testDesk.ledger.balance(accountId)).amount).toBe(100_000 - MESSAGES * 49)
    }, 120_000)
  })
}
