/**
 * The real server process with GATEWAY=ip1 against the local iP1 stand-in: messages go out as one iP1 batch per
 * hand-over with the hand-over id as reference, iP1's delivery reports come back through the secret webhook URL and end each message
 * at its final status; an inbound STOP through the inbound webhook blocklists the number.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Ip1Standin, startIp1Standin } from '@smsdesk/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, MAIN, type Started, start, waitForHealth } from './server-process.ts'

const API_KEY = 'smsd_Ip1E2eKey0123456789abcdefghijklm'
const IP1_KEY = 'ip1-standin-key-0123456789'
const WEBHOOK_SECRET = 'whsec-e2e-0123456789abcdef'

describe('GATEWAY=ip1 end to end', () => {
  let standin: Ip1Standin
  let server: Started
  let base: string
  let dataDir: string

  beforeAll(async () => {
    standin = await startIp1Standin({ apiKey: IP1_KEY, deliverReports: true, reportDelayMs: 10 })
    dataDir = mkdtempSync(join(tmpdir(), 'smsdesk-ip1-e2e-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = start(MAIN, {
      PORT: String(port),
      DATA_DIR: dataDir,
      GATEWAY: 'ip1',
      IP1_API_KEY: IP1_KEY,
      IP1_API_URL: standin.url,
      WEBHOOK_SECRET,
      PUBLIC_URL: base,
      BOOTSTRAP_API_KEY: API_KEY,
      LOG_LEVEL: 'info',
    })
    await waitForHealth(base, server)
  }, 120_000)

  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM')
      await server.exited
    }
    await standin.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    // biome-ignore lint/suspicious/noExplicitAny: test assertions read whatever the API answered.
    return { status: res.status, body: (await res.json()) as Record<string, any> }
  }

  it('sends through iP1 and follows its delivery reports to the final statuses', async () => {
    const sent = await api('POST', '/api/v1/messages', {
      sender: 'Smsdesk',
      body: 'Hej via iP1',
      recipients: ['+46701234201', '+46701234501'],
    })
    expect(sent.status).toBe(202)
    const ids = (sent.body.messages as { id: string }[]).map((m) => m.id)

    const finals: number[] = []
    for (const id of ids) {
      const deadline = Date.now() + 30_000
      for (;;) {
        const m = await api('GET', `/api/v1/messages/${id}`)
        if (m.body.final) {
          finals.push(m.body.status.code)
          break
        }
        if (Date.now() > deadline) throw new Error(`never final: ${JSON.stringify(m.body)}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    expect(finals).toEqual([201, 501])

    // One batch for both (same sender and body), a hand-over id as its reference, each recipient sent to once,
    // and the report URL carrying the webhook secret.
    expect(standin.submissions()).toHaveLength(1)
    const batch = standin.submissions()[0]!
    expect(batch.reference).toMatch(/^ho_/)
    expect([...standin.recipientCounts()]).toEqual([
      ['46701234201', 1],
      ['46701234501', 1],
    ])
    expect(batch).toMatchObject({ sender: 'Smsdesk', body: 'Hej via iP1' })
    expect(batch.deliveryReportUrl).toBe(`${base}/webhooks/ip1/delivery-reports/${WEBHOOK_SECRET}`)
    expect(standin.reportFailures()).toBe(0)
  })

  it('takes an inbound STOP through the inbound webhook', async () => {
    const res = await fetch(`${base}/webhooks/ip1/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Webhook-Secret': WEBHOOK_SECRET },
      body: JSON.stringify({
        id: 'ip1-inbound-1',
        sender: '46701234567',
        recipient: '46700000000',
        body: 'STOP',
        statuses: [{ created: new Date().toISOString(), code: 201 }],
      }),
    })
    expect(res.status).toBe(200)
    const blocklist = await api('GET', '/api/v1/blocklist')
    expect(blocklist.body.items).toMatchObject([{ number: '+46701234567', reason: 'stop' }])
  })

  it('keeps the iP1 key and the webhook secret out of the logs, and stops cleanly', async () => {
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    const output = server.stdout.join('') + server.stderr.join('')
    expect(output).toContain('/webhooks/ip1/delivery-reports/***')
    expect(output).not.toContain(IP1_KEY)
    expect(output).not.toContain(WEBHOOK_SECRET)
    expect(output).not.toContain(API_KEY)
  }, 30_000)
})
