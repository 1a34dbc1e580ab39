import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { OutboundSms, SubmitOutcome } from '../ports.ts'
import { createIp1Gateway, parseIp1DeliveryReports } from './ip1.ts'
import { SIMULATOR_OUTCOMES } from './simulator-outcomes.ts'
import { type Ip1Standin, startIp1Standin } from './testing/ip1-standin.ts'

const KEY = 'sk-live-4f9a0c1d2e3b'
let standin: Ip1Standin | null = null
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await standin?.close()
  standin = null
  for (const c of cleanups.splice(0)) await c()
})

const sms = (id: string, over: Partial<OutboundSms> = {}): OutboundSms => ({
  id,
  reference: id,
  sender: 'Smsdesk',
  recipient: '+46701234567',
  body: 'Hej från smsdesk',
  encoding: 'GSM-7',
  validUntil: new Date('2030-01-01T00:00:00Z'),
  ...over,
})

const asked = (id: string) => ({ id, reference: id, recipient: '+46701234567' })

const failed = (o: SubmitOutcome | undefined) => {
  if (!o || o.ok) throw new Error(`expected a failure, got ${JSON.stringify(o)}`)
  return o
}

async function gatewayAgainstStandin(
  extra: { timeoutMs?: number; concurrency?: number; apiKey?: string } = {},
) {
  standin = await startIp1Standin({ apiKey: KEY })
  return createIp1Gateway({
    apiKey: extra.apiKey ?? KEY,
    baseUrl: standin.url,
    deliveryReportUrl: 'https://desk.example/webhooks/ip1/delivery-reports/s3cret',
    timeoutMs: extra.timeoutMs ?? 2_000,
    concurrency: extra.concurrency ?? 4,
  })
}

describe('createIp1Gateway against the stand-in', () => {
  it('hands each message over as its own batch, with our id as the reference', async () => {
    const gateway = await gatewayAgainstStandin()
    const messages = [
      sms('msg_1'),
      sms('msg_2', { recipient: '+46701234202', body: 'Привет', encoding: 'UCS-2' }),
      sms('msg_3', { sender: '46701234000' }),
    ]
    const outcomes = await gateway.submit(messages)
    const submissions = standin!.submissions()
    expect(submissions).toHaveLength(3)
    expect(outcomes.map((o) => o.id)).toEqual(['msg_1', 'msg_2', 'msg_3'])
    for (const [i, outcome] of outcomes.entries()) {
      const batch = submissions.find((s) => s.reference === messages[i]?.id)
      const digits = messages[i]?.recipient.slice(1)
      expect(outcome).toEqual({ id: messages[i]?.id, ok: true, gatewayId: `${batch?.batchId}-${digits}` })
    }
    expect(submissions.find((s) => s.reference === 'msg_2')).toMatchObject({
      recipients: ['46701234202'],
      body: 'Привет',
      datacoding: 'ucs',
      sender: 'Smsdesk',
      deliveryReportUrl: 'https://desk.example/webhooks/ip1/delivery-reports/s3cret',
    })
    expect(submissions.find((s) => s.reference === 'msg_1')?.datacoding).toBe('gsm')
    for (const m of messages) expect(standin!.countByReference(m.id)).toBe(1)
  })

  it('treats 5xx and 429 as transient and carries on with the other messages', async () => {
    const gateway = await gatewayAgainstStandin({ concurrency: 1 })
    standin!.failNext(1, 'error')
    standin!.failNext(1, 'rateLimit')
    const [a, b, c] = await gateway.submit([sms('a'), sms('b'), sms('c')])
    expect(failed(a)).toMatchObject({ transient: true })
    expect(failed(a).error).toContain('503')
    expect(failed(b)).toMatchObject({ transient: true })
    expect(failed(b).error).toContain('429')
    expect(c).toMatchObject({ ok: true })
    expect(standin!.postCount()).toBe(3)
    expect(standin!.countByReference('a')).toBe(0)
  })

  it('treats other 4xx as permanent, naming the field when the answer does', async () => {
    const gateway = await gatewayAgainstStandin({ concurrency: 1 })
    standin!.failNext(1, 'reject')
    const [rejected, badSender, badBody, badRecipient] = await gateway.submit([
      sms('r'),
      sms('s', { sender: 'AB' }),
      sms('b', { body: '   ' }),
      sms('n', { recipient: '+4670123456789012' }),
    ])
    expect(failed(rejected)).toMatchObject({ transient: false, code: 516 })
    expect(failed(rejected).error).toContain('400')
    expect(failed(badSender)).toMatchObject({ transient: false, code: 407 })
    expect(failed(badBody)).toMatchObject({ transient: false, code: 408 })
    expect(failed(badRecipient)).toMatchObject({ transient: false, code: 409 })
    expect(standin!.submissions()).toEqual([])
  })

  it('gives up on a hanging call after timeoutMs and calls it transient', async () => {
    const gateway = await gatewayAgainstStandin({ timeoutMs: 150 })
    standin!.failNext(1, 'hang')
    const [outcome] = await gateway.submit([sms('slow')])
    expect(failed(outcome)).toMatchObject({ transient: true })
    expect(failed(outcome).error).toContain('did not answer within 150 ms')
  })

  it('finds a message whose answer was lost, by reference, so it is not sent twice', async () => {
    const gateway = await gatewayAgainstStandin({ timeoutMs: 150 })
    standin!.failNext(1, 'lost')
    const [outcome] = await gateway.submit([sms('in-doubt')])
    expect(failed(outcome).transient).toBe(true)
    expect(standin!.countByReference('in-doubt')).toBe(1)
    const found = await gateway.findByReference?.([asked('in-doubt'), asked('never-sent')])
    expect(found).toEqual(new Map([['in-doubt', `${standin!.submissions()[0]?.batchId}-46701234567`]]))
  })

  it('posts one batch per hand-over, recipients as digits, and learns each message id from the batch', async () => {
    const gateway = await gatewayAgainstStandin()
    const recipients = ['+46701234501', '+46701234502', '+46701234503']
    const messages = recipients.map((recipient, i) => sms(`m${i}`, { recipient, reference: 'ho_1' }))
    const outcomes = await gateway.submit(messages)
    const [batch] = standin!.submissions()
    expect(standin!.submissions()).toHaveLength(1)
    expect(batch).toMatchObject({ reference: 'ho_1', recipients: recipients.map((r) => r.slice(1)) })
    expect(outcomes).toEqual(
      messages.map((m) => ({ id: m.id, ok: true, gatewayId: `${batch?.batchId}-${m.recipient.slice(1)}` })),
    )
    // One POST and one read of the batch's messages (the answer is the batch document, which lists none).
    expect(standin!.callCount()).toBe(2)
  })

  it('follows every page of the batch list to find an in-doubt hand-over', async () => {
    const gateway = await gatewayAgainstStandin({ timeoutMs: 300, concurrency: 8 })
    standin!.failNext(1, 'lost')
    await gateway.submit([sms('old', { reference: 'ho_old' })])
    await gateway.submit(Array.from({ length: 260 }, (_, i) => sms(`n${i}`, { reference: `ho_${i}` })))
    const found = await gateway.findByReference?.([
      { id: 'old', reference: 'ho_old', recipient: '+46701234567' },
    ])
    const old = standin!.submissions().find((b) => b.reference === 'ho_old')
    expect(found).toEqual(new Map([['old', `${old?.batchId}-46701234567`]]))
  })

  it('syncs the blacklist both ways: PUT one number, read them all across pages', async () => {
    const gateway = await gatewayAgainstStandin()
    await gateway.block?.('+46701234999')
    expect(standin!.blacklist()).toEqual(['46701234999'])
    standin!.addToBlacklist(...Array.from({ length: 260 }, (_, i) => `4670900${String(i).padStart(4, '0')}`))
    const listed = (await gateway.listBlocked?.()) ?? []
    expect(listed).toHaveLength(261)
    expect(listed[0]).toBe('+46701234999')
  })

  it('keeps a wrong key transient and never repeats any key in an error', async () => {
    const wrongKey = 'sk-wrong-9d8c7b6a'
    const gateway = await gatewayAgainstStandin({ apiKey: wrongKey })
    const [outcome] = await gateway.submit([sms('k')])
    expect(failed(outcome)).toMatchObject({ transient: true })
    expect(failed(outcome).error).toContain('401')
    expect(failed(outcome).error).not.toContain(wrongKey)
    await expect(gateway.findByReference?.([asked('k')])).rejects.toThrow(/401/)
    await gateway
      .findByReference?.([asked('k')])
      .catch((err: Error) => expect(err.message).not.toContain(wrongKey))
    expect(standin!.submissions()).toEqual([])
  })

  it('calls an unreachable gateway transient', async () => {
    const closed = await startIp1Standin()
    const url = closed.url
    await closed.close()
    const gateway = createIp1Gateway({ apiKey: KEY, baseUrl: url, timeoutMs: 1_000 })
    const [outcome] = await gateway.submit([sms('offline')])
    expect(failed(outcome)).toMatchObject({ transient: true })
    expect(failed(outcome).error).toMatch(/could not reach iP1/)
    expect(failed(outcome).error).not.toContain(KEY)
  })

  it('keeps at most `concurrency` calls in flight and the answers in input order', async () => {
    const gateway = await gatewayAgainstStandin({ concurrency: 2, timeoutMs: 200 })
    standin!.failNext(2, 'hang')
    const outcomes = await gateway.submit([sms('h1'), sms('h2'), sms('ok1'), sms('ok2')])
    // The two hanging calls hold both slots until they time out; unbounded, all four would be open at once.
    expect(standin!.maxConcurrentPosts()).toBe(2)
    expect(outcomes.map((o) => [o.id, o.ok])).toEqual([
      ['h1', false],
      ['h2', false],
      ['ok1', true],
      ['ok2', true],
    ])
  })
})

describe('delivery reports from the stand-in', () => {
  it('posts the documented payload, which parses back to our message id and batch id', async () => {
    const received: unknown[] = []
    const receiver = createServer((req, res) => {
      let raw = ''
      req.on('data', (c) => {
        raw += c
      })
      req.on('end', () => {
        received.push(JSON.parse(raw))
        res.writeHead(200).end()
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    cleanups.push(() => new Promise((r) => receiver.close(() => r())))
    const reportUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/dlr`
    standin = await startIp1Standin({ apiKey: KEY, deliverReports: true })
    const gateway = createIp1Gateway({ apiKey: KEY, baseUrl: standin.url, deliveryReportUrl: reportUrl })
    const [outcome] = await gateway.submit([sms('msg_dlr', { recipient: '+46701234514' })])
    await standin.reportsSettled()
    expect(standin.reportFailures()).toBe(0)
    const reports = parseIp1DeliveryReports(received)
    const path = SIMULATOR_OUTCOMES.find((o) => o.code === 514)?.path
    expect(reports.map((r) => r.code)).toEqual(path)
    for (const r of reports) {
      expect(r.reference).toBe('msg_dlr')
      expect(r.recipient).toBe('+46701234514')
      expect(r.gatewayId).toBe(outcome?.ok ? outcome.gatewayId : 'no')
      expect(r.at).toBeInstanceOf(Date)
    }
  })
})
