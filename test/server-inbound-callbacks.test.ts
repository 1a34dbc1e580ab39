/** Simulated inbound SMS (STOP, Spara) and signed status callbacks to a real local receiver, retried after a 500. */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, verifyCallbackSignature } from '@smsdesk/core'
import { testDialects } from '@smsdesk/core/testing'
import { startServer } from '@smsdesk/server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { eventually, type Harness, startHarness, VIRTUAL_NUMBER } from './server-harness.ts'

const CALLBACK_SECRET = 'whsec_dGVzdC1jYWxsYmFjay1zZWNyZXQtMDEyMzQ1Njc4OQ=='

interface Hit {
  body: string
  headers: Record<string, string>
}

function startReceiver(): Promise<{
  url: string
  hits: Hit[]
  failFirst: { count: number }
  server: Server
}> {
  const hits: Hit[] = []
  const failFirst = { count: 0 }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    hits.push({
      body: Buffer.concat(chunks).toString('utf8'),
      headers: req.headers as Record<string, string>,
    })
    if (failFirst.count > 0) {
      failFirst.count--
      res.statusCode = 500
    } else res.statusCode = 200
    res.end()
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/smsdesk-status`,
        hits,
        failFirst,
        server,
      }),
    ),
  )
}

for (const dialect of testDialects()) {
  describe(`simulated inbound SMS on ${dialect}`, () => {
    let h: Harness
    beforeEach(async () => {
      h = await startHarness(dialect)
    })
    afterEach(() => h.close())

    const inbound = (from: string, body: string, to = VIRTUAL_NUMBER) =>
      h.call('POST', '/api/v1/simulator/inbound', { key: h.keys.sender, body: { from, to, body } })

    it('STOP blocklists the sender and START lifts it', async () => {
      const stop = await inbound('+46701234567', 'stopp')
      expect(stop.status).toBe(200)
      expect(stop.body).toMatchObject({ keyword: 'STOP', action: 'blocked' })
      expect((await h.call('GET', '/api/v1/blocklist')).body.items).toMatchObject([
        { number: '+46701234567', reason: 'stop' },
      ])
      const start = await inbound('+46701234567', 'START', '070-000 00 01')
      expect(start.body).toMatchObject({ keyword: 'START', action: 'unblocked' })
      expect((await h.call('GET', '/api/v1/blocklist')).body.items).toEqual([])
    })

    it('Spara saves the sender as a contact in the group', async () => {
      const res = await inbound('+46701234568', 'Spara Nils Nilsson Kunder')
      expect(res.body).toMatchObject({ keyword: 'SPARA', action: 'contact_saved' })
      const contacts = await h.call('GET', '/api/v1/contacts?group=Kunder')
      expect(contacts.body.items).toMatchObject([
        { number: '+46701234568', firstName: 'Nils', lastName: 'Nilsson', groups: ['Kunder'] },
      ])
    })
  })

  describe(`status callbacks on ${dialect}`, () => {
    let h: Harness
    let receiver: Awaited<ReturnType<typeof startReceiver>>
    beforeAll(async () => {
      receiver = await startReceiver()
    })
    afterAll(() => new Promise<void>((r) => receiver.server.close(() => r())))
    beforeEach(async () => {
      h = await startHarness(dialect)
      receiver.hits.length = 0
    })
    afterEach(() => h.close())

    it('POSTs every status change, signed, in order, retrying a 500 — without holding up sending', async () => {
      receiver.failFirst.count = 1
      const sent = await h.call('POST', '/api/v1/messages', {
        key: h.keys.sender,
        body: { sender: 'Anna', body: 'Hej', recipients: ['+46701234201'], statusCallbackUrl: receiver.url },
      })
      expect(sent.status).toBe(202)
      const id = sent.body.messages[0].id
      const dispatcher = h.desk.dispatcher.start({ pollMs: 10 })
      // The receiver is on 127.0.0.1: a private network, so the test opts in (as CALLBACK_ALLOW_PRIVATE_NETWORKS=1 does).
      const callbacks = h.desk.callbacks.start({
        secret: CALLBACK_SECRET,
        pollMs: 20,
        jitter: 0,
        allowPrivateNetworks: true,
      })
      try {
        // The message reaches its final status while the receiver is still failing.
        await eventually(async () => (await h.call('GET', `/api/v1/messages/${id}`)).body.final)
        const history = (await h.call('GET', `/api/v1/messages/${id}`)).body.statuses.map(
          (s: { code: number }) => s.code,
        )
        // The first attempt failed and waits out its backoff (5 s, on the desk's clock); later statuses queue behind it.
        await eventually(async () => {
          const row = await h.desk.db
            .selectFrom('webhook_deliveries')
            .select('last_error')
            .where('last_error', 'is not', null)
            .executeTakeFirst()
          return row?.last_error === 'HTTP 500'
        })
        expect(receiver.hits).toHaveLength(1)
        h.desk.clock.advance(5_000)
        const delivered = await eventually(async () => {
          const ok = receiver.hits.slice(1)
          return ok.some((hit) => JSON.parse(hit.body).final) ? ok : null
        })
        const now = h.desk.clock.now()
        for (const hit of [...receiver.hits]) {
          expect(verifyCallbackSignature(CALLBACK_SECRET, hit.body, hit.headers, { now })).toBe(true)
        }
        const payloads = delivered.map((d) => JSON.parse(d.body))
        // One callback per status change from funding on (101 and 102 happen in the same instant as 103), in order.
        const codes = payloads.map((p) => p.status.code)
        expect(codes).toEqual(history.slice(history.indexOf(103)))
        expect(codes.length).toBeGreaterThanOrEqual(5)
        expect(payloads.at(-1)).toMatchObject({
          event: 'message.status',
          messageId: id,
          batchId: sent.body.batchId,
          recipient: '+46701234201',
          status: { code: 201, name: 'DeliveredToHandset' },
          final: true,
        })
        // The failed first attempt was the same payload as its successful retry.
        expect(receiver.hits[0]!.body).toBe(receiver.hits[1]!.body)
      } finally {
        await Promise.all([dispatcher.stop(), callbacks.stop()])
      }
    })

    it('refuses loopback and cloud-metadata callback URLs without the opt-in: nothing posted, sending unharmed', async () => {
      const metadata = 'http://169.254.169.254/latest/meta-data/iam/'
      const sent = await h.call('POST', '/api/v1/messages', {
        key: h.keys.sender,
        body: { sender: 'Anna', body: 'Hej', recipients: ['+46701234202'], statusCallbackUrl: receiver.url },
      })
      const sentToMetadata = await h.call('POST', '/api/v1/messages', {
        key: h.keys.sender,
        body: { sender: 'Anna', body: 'Hej', recipients: ['+46701234203'], statusCallbackUrl: metadata },
      })
      expect([sent.status, sentToMetadata.status]).toEqual([202, 202])
      const ids = [sent.body.messages[0].id, sentToMetadata.body.messages[0].id]
      const dispatcher = h.desk.dispatcher.start({ pollMs: 10 })
      const callbacks = h.desk.callbacks.start({ secret: CALLBACK_SECRET, pollMs: 20 })
      try {
        for (const id of ids) {
          await eventually(async () => (await h.call('GET', `/api/v1/messages/${id}`)).body.final)
        }
        const rows = await eventually(async () => {
          const all = await h.desk.db
            .selectFrom('webhook_deliveries')
            .select(['url', 'failed_at', 'delivered_at', 'attempts', 'last_error'])
            .execute()
          return all.length >= 10 && all.every((r) => r.failed_at !== null) ? all : null
        })
        for (const r of rows) {
          expect(r.delivered_at).toBeNull()
          expect(Number(r.attempts)).toBe(1)
          expect(r.last_error).toMatch(/^refused: callback host (127\.0\.0\.1|169\.254\.169\.254) is/)
        }
        expect(new Set(rows.map((r) => r.url))).toEqual(new Set([receiver.url, metadata]))
        expect(receiver.hits).toHaveLength(0)
      } finally {
        await Promise.all([dispatcher.stop(), callbacks.stop()])
      }
    })
  })
}

describe('CALLBACK_ALLOW_PRIVATE_NETWORKS', () => {
  it('=1 lets startServer post callbacks to a receiver on 127.0.0.1; unset refuses them', async () => {
    const receiver = await startReceiver()
    const runs: Record<string, number> = {}
    try {
      for (const allow of ['1', '']) {
        receiver.hits.length = 0
        const dir = mkdtempSync(join(tmpdir(), 'smsdesk-callbacks-'))
        const key = `smsd_${'A'.repeat(31)}${allow ? 'B' : 'C'}`
        const server = await startServer(
          {
            PORT: '0',
            HOST: '127.0.0.1',
            DATA_DIR: dir,
            LOG_LEVEL: 'silent',
            SIMULATOR_STEP_MS: '0',
            BOOTSTRAP_API_KEY: key,
            CALLBACK_SIGNING_SECRET: CALLBACK_SECRET,
            CALLBACK_ALLOW_PRIVATE_NETWORKS: allow,
            BOT_TEAMS: 'off',
          },
          { announce: () => {} },
        )
        try {
          const sent = await fetch(`${server.url}/api/v1/messages`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              sender: 'Anna',
              body: 'Hej',
              recipients: ['+46701234204'],
              statusCallbackUrl: receiver.url,
            }),
          })
          expect(sent.status).toBe(202)
          // A second connection to the server's SQLite file (WAL) watches the deliveries settle.
          const store = await openDatabase({ file: join(dir, 'smsdesk.sqlite') })
          const settled = await eventually(async () => {
            const rows = await store.db
              .selectFrom('webhook_deliveries')
              .select(['delivered_at', 'failed_at', 'last_error'])
              .execute()
            const done = rows.filter((r) => r.delivered_at !== null || r.failed_at !== null)
            return rows.length >= 4 && done.length === rows.length ? rows : null
          }, 15_000).finally(() => store.close())
          runs[allow || 'unset'] = receiver.hits.length
          if (allow) expect(settled.every((r) => r.delivered_at !== null)).toBe(true)
          else expect(settled.every((r) => r.last_error?.startsWith('refused:'))).toBe(true)
        } finally {
          await server.stop()
          rmSync(dir, { recursive: true, force: true })
        }
      }
      expect(runs.unset).toBe(0)
      expect(runs['1']).toBeGreaterThanOrEqual(4)
    } finally {
      await new Promise<void>((r) => receiver.server.close(() => r()))
    }
  })
})
