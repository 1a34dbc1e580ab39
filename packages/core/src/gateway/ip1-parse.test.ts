import { describe, expect, it } from 'vitest'
import { DeskError } from '../errors.ts'
import { parseIp1DeliveryReports, parseIp1Inbound } from './ip1-parse.ts'
import { ip1InboundPayload } from './testing/ip1-standin.ts'

const clock = { now: () => new Date('2026-11-25T10:00:00Z') }

const expectInvalid = (fn: () => unknown) => {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(DeskError)
    expect((err as DeskError).code).toBe('InvalidRequest')
    return
  }
  throw new Error('expected an InvalidRequest DeskError')
}

describe('parseIp1DeliveryReports', () => {
  const documented = {
    id: '5c613848879973045cf39ac4',
    batchId: '5c613848879973045cf39ac3',
    recipient: '46701234567',
    code: 201,
    duration: 1,
    created: '2018-10-23T17:43:21Z',
    segments: 2,
    price: 0.082,
    currency: 'sek',
    reference: 'msg_abc',
  }

  it('reads the documented payload: reference + recipient → our message, id → gateway id, created → at', () => {
    expect(parseIp1DeliveryReports(documented)).toEqual([
      {
        messageId: 'msg_abc',
        reference: 'msg_abc',
        recipient: '+46701234567',
        gatewayId: '5c613848879973045cf39ac4',
        code: 201,
        at: new Date('2018-10-23T17:43:21Z'),
      },
    ])
  })

  it('takes an array, the older `messageId` key, a numeric string code, and a missing date', () => {
    const older = { messageId: 'ip1-msg', code: '503' }
    const reports = parseIp1DeliveryReports([documented, older], clock)
    expect(reports).toHaveLength(2)
    expect(reports[1]).toEqual({ gatewayId: 'ip1-msg', code: 503, at: clock.now() })
    expect(parseIp1DeliveryReports([])).toEqual([])
  })

  it('refuses junk', () => {
    for (const junk of [null, undefined, 'text', 42, [1], [{}], { code: 201 }, { reference: 'x' }]) {
      expectInvalid(() => parseIp1DeliveryReports(junk))
    }
    expectInvalid(() => parseIp1DeliveryReports({ reference: 'x', code: 20 }))
    expectInvalid(() => parseIp1DeliveryReports({ reference: 'x', code: 'delivered' }))
    expectInvalid(() => parseIp1DeliveryReports({ reference: 'x', code: 201.5 }))
  })
})

describe('parseIp1Inbound', () => {
  it('reads the documented payload with numbers in E.164', () => {
    const payload = ip1InboundPayload({
      from: '+46701234567',
      to: '+46700000000',
      body: 'STOP',
      at: new Date('2026-11-25T09:00:00Z'),
      id: 'in-1',
    })
    expect(parseIp1Inbound(payload)).toEqual([
      {
        from: '+46701234567',
        to: '+46700000000',
        body: 'STOP',
        at: new Date('2026-11-25T09:00:00Z'),
        gatewayId: 'in-1',
      },
    ])
  })

  it('takes an array, keeps an alphanumeric sender, and falls back to `modified` then the clock', () => {
    const [a, b] = parseIp1Inbound(
      [
        { sender: 'Operator', recipient: '46700000000', body: 'Hej', modified: '2026-11-24T08:00:00Z' },
        { sender: '46701234567', recipient: '46700000000', body: '' },
      ],
      clock,
    )
    expect(a).toEqual({
      from: 'Operator',
      to: '+46700000000',
      body: 'Hej',
      at: new Date('2026-11-24T08:00:00Z'),
    })
    expect(b?.at).toEqual(clock.now())
    expect(b?.body).toBe('')
  })

  it('refuses junk', () => {
    for (const junk of [null, 'x', [null], { sender: '4670' }, { sender: '1', recipient: '2', body: 3 }]) {
      expectInvalid(() => parseIp1Inbound(junk))
    }
  })
})
