import { afterEach, describe, expect, it } from 'vitest'
import type { DeliveryReport, GatewayEvents, InboundSms, OutboundSms } from '../ports.ts'
import { normalizeNumber } from '../sending/phone.ts'
import { isFinalCode, statusByCode } from '../status/catalogue.ts'
import {
  createSimulatorGateway,
  SIMULATOR_OUTCOMES,
  type SimulatorGateway,
  simulatorOutcomeFor,
} from './simulator.ts'

/** A sink that just collects what the gateway pushes. */
function collectingSink(): GatewayEvents & { reports: DeliveryReport[]; received: InboundSms[] } {
  const reports: DeliveryReport[] = []
  const received: InboundSms[] = []
  return {
    reports,
    received,
    deliveryReport: async (r) => {
      reports.push(r)
    },
    inbound: async (sms) => {
      received.push(sms)
    },
  }
}

const sms = (id: string, recipient: string): OutboundSms => ({
  id,
  reference: `ho-${id}`,
  sender: 'Sim',
  recipient,
  body: 'Hej',
  encoding: 'GSM-7',
  validUntil: new Date('2030-01-01T00:00:00Z'),
})

const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms))
const codesFor = (reports: DeliveryReport[], id: string) =>
  reports.filter((r) => r.messageId === id).map((r) => r.code)

let gateway: SimulatorGateway | null = null
afterEach(async () => {
  await gateway?.close?.()
  gateway = null
})

describe('SIMULATOR_OUTCOMES', () => {
  it('covers every carrier-side code from the brief, plus the default delivery', () => {
    const picked = SIMULATOR_OUTCOMES.filter((o) => o.lastDigits !== null).map((o) => o.code)
    expect(picked).toEqual([202, 406, 410, 500, 501, 502, 503, 511, 512, 513, 514, 515, 516, 599])
    expect(SIMULATOR_OUTCOMES.at(-1)).toMatchObject({ lastDigits: null, code: 201 })
  })

  it('walks only info codes, ends at its code, and only 503 ends not final', () => {
    for (const o of SIMULATOR_OUTCOMES) {
      expect(o.path.at(-1), String(o.code)).toBe(o.code)
      for (const step of o.path.slice(0, -1)) expect([112, 113, 114, 503]).toContain(step)
      expect(isFinalCode(o.code)).toBe(o.code !== 503)
      expect(statusByCode(o.code)).not.toBeNull()
      expect(o.story.length).toBeGreaterThan(10)
    }
  })

  it('picks the outcome by the last three digits, and the numbers are valid Swedish mobiles', () => {
    expect(simulatorOutcomeFor('+46701234503').code).toBe(503)
    expect(simulatorOutcomeFor('+46701234201').code).toBe(201)
    expect(simulatorOutcomeFor('+46701234123').code).toBe(201)
    expect(simulatorOutcomeFor('+46701235030').code).toBe(201)
    for (const o of SIMULATOR_OUTCOMES) {
      const number = `+46701234${o.lastDigits ?? '201'}`
      expect(normalizeNumber(number)).toEqual({ ok: true, e164: number, country: 'SE' })
    }
  })
})

describe('createSimulatorGateway', () => {
  it('accepts every message and reports each outcome path in order', async () => {
    gateway = createSimulatorGateway()
    const sink = collectingSink()
    gateway.attach?.(sink)
    const messages = SIMULATOR_OUTCOMES.map((o, i) => sms(`m${i}`, `+46701234${o.lastDigits ?? '777'}`))
    const outcomes = await gateway.submit(messages)
    expect(outcomes).toEqual(messages.map((m) => ({ id: m.id, ok: true, gatewayId: `sim-${m.id}` })))
    await settle()
    SIMULATOR_OUTCOMES.forEach((o, i) => {
      expect(codesFor(sink.reports, `m${i}`), `outcome ${o.code}`).toEqual(o.path)
    })
    for (const r of sink.reports) expect(r.gatewayId).toBe(`sim-${r.messageId}`)
  })

  it('spaces the steps by stepDelayMs and stamps them with the given clock', async () => {
    const at = new Date('2026-11-25T12:00:00Z')
    gateway = createSimulatorGateway({ stepDelayMs: 40, clock: { now: () => at } })
    const sink = collectingSink()
    gateway.attach?.(sink)
    await gateway.submit([sms('slow', '+46701234567')])
    await settle(10)
    expect(sink.reports).toEqual([])
    await settle(60)
    expect(codesFor(sink.reports, 'slow')).toEqual([114])
    await settle(150)
    expect(codesFor(sink.reports, 'slow')).toEqual([114, 112, 113, 201])
    expect(sink.reports.every((r) => r.at === at)).toBe(true)
  })

  it('waits for each report to be taken before pushing the next', async () => {
    gateway = createSimulatorGateway()
    const seen: number[] = []
    let inFlight = 0
    gateway.attach?.({
      deliveryReport: async (r) => {
        inFlight++
        expect(inFlight).toBe(1)
        await settle(5)
        seen.push(r.code)
        inFlight--
      },
      inbound: async () => {},
    })
    await gateway.submit([sms('a', '+46701234514')])
    await settle(100)
    expect(seen).toEqual([114, 112, 113, 514])
  })

  it('finds what it holds by reference and counts submissions', async () => {
    gateway = createSimulatorGateway()
    await gateway.submit([sms('x', '+46701234567'), sms('y', '+46701234568')])
    await gateway.submit([sms('x', '+46701234567')])
    const found = await gateway.findByReference?.(asked(['x', 'y', 'z']))
    expect(found).toEqual(
      new Map([
        ['x', 'sim-x'],
        ['y', 'sim-y'],
      ]),
    )
    expect(gateway.countByReference('x')).toBe(2)
    expect(gateway.batchCount()).toBe(3)
    expect(gateway.countByReference('z')).toBe(0)
  })

  it('remembers only the latest references, so a long run does not grow with every message', async () => {
    gateway = createSimulatorGateway({ remember: 2 })
    await gateway.submit([sms('a', '+46701234561'), sms('b', '+46701234562')])
    await gateway.submit([sms('b', '+46701234562'), sms('c', '+46701234563')])
    expect(await gateway.findByReference?.(asked(['a', 'b', 'c']))).toEqual(
      new Map([
        ['b', 'sim-b'],
        ['c', 'sim-c'],
      ]),
    )
    expect(gateway.countByReference('a')).toBe(0)
    expect(gateway.countByReference('b')).toBe(2)
  })

  it('stops reporting once closed', async () => {
    gateway = createSimulatorGateway({ stepDelayMs: 20 })
    const sink = collectingSink()
    gateway.attach?.(sink)
    await gateway.submit([sms('c', '+46701234567')])
    await settle(30)
    await gateway.close?.()
    const before = sink.reports.length
    expect(before).toBeGreaterThanOrEqual(1)
    await settle(100)
    expect(sink.reports.length).toBe(before)
  })

  it('stops a message’s path when the sink refuses a report, without crashing', async () => {
    gateway = createSimulatorGateway()
    const seen: number[] = []
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      gateway.attach?.({
        deliveryReport: async (r) => {
          seen.push(r.code)
          if (r.code === 112) throw new Error('database closed')
        },
        inbound: async () => {},
      })
      await gateway.submit([sms('e', '+46701234567')])
      await settle()
    } finally {
      console.error = original
    }
    expect(seen).toEqual([114, 112])
    expect(errors).toHaveLength(1)
  })
})

function asked(ids: string[]) {
  return ids.map((id) => ({ id, reference: `ho-${id}`, recipient: '+46701234567' }))
}
