import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  describeStatus,
  isFinalCode,
  LEGACY_STATUSES,
  lookupStatus,
  STATUSES,
  statusByCode,
  statusByName,
  statusName,
} from './catalogue.ts'

// The seed's list, code → name; the catalogue must hold exactly these.
const SEED: Record<number, string> = {
  101: 'Accepted',
  102: 'Queued',
  103: 'Funded',
  104: 'Refunded',
  110: 'Sending',
  111: 'DeliveredToGateway',
  112: 'DeliveredToCarrier',
  113: 'DeliveredToGSM',
  114: 'QueuedAtGateway',
  201: 'DeliveredToHandset',
  202: 'Expired',
  203: 'Canceled',
  402: 'InsufficientFunds',
  403: 'SenderRejected',
  404: 'ContentRejected',
  405: 'RecipientRejected',
  406: 'GenericRejected',
  407: 'InvalidSender',
  408: 'InvalidContent',
  409: 'InvalidRecipient',
  410: 'MissingSmsSubscription',
  500: 'InternalError',
  501: 'UnknownSubscriber',
  502: 'SubscriberUnreachable',
  503: 'SubscriberOffline',
  511: 'DeliveryToGatewayFailed',
  512: 'DeliveryToCarrierFailed',
  513: 'DeliveryToGSMFailed',
  514: 'DeliveryToHandsetFailed',
  515: 'GenericDeliveryFailure',
  516: 'GatewayError',
  599: 'Unknown',
}

describe('status catalogue', () => {
  it('holds exactly the seed codes with their names, in ascending order', () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s.code, s.name]))).toEqual(SEED)
    const codes = STATUSES.map((s) => s.code)
    expect(codes).toEqual([...codes].sort((a, b) => a - b))
  })

  it('derives the group from the first digit', () => {
    const groupOf = { 1: 'Info', 2: 'Success', 4: 'Rejection', 5: 'Error' } as Record<number, string>
    for (const s of STATUSES) expect(s.group, String(s.code)).toBe(groupOf[Math.floor(s.code / 100)])
  })

  it('treats 1xx and 503 as not final, everything else as final', () => {
    for (const s of STATUSES) {
      const expected = s.code >= 200 && s.code !== 503
      expect(s.final, String(s.code)).toBe(expected)
      expect(isFinalCode(s.code)).toBe(expected)
    }
    expect(isFinalCode(503)).toBe(false)
    expect(isFinalCode(777)).toBe(false)
  })

  it('has a distinct, non-empty meaning and action in both languages for every code', () => {
    for (const lang of ['sv', 'en'] as const) {
      const meanings = new Set<string>()
      for (const s of STATUSES) {
        const { meaning, action } = s.text[lang]
        expect(meaning.length, `${s.code} ${lang}`).toBeGreaterThan(10)
        expect(action.length, `${s.code} ${lang}`).toBeGreaterThan(3)
        meanings.add(meaning)
      }
      expect(meanings.size).toBe(STATUSES.length)
    }
    // The languages really differ (no copy-paste of one into the other).
    for (const s of STATUSES) expect(s.text.sv.meaning).not.toBe(s.text.en.meaning)
  })

  it('keeps the 72-hour fact where it matters', () => {
    expect(statusByCode(503)?.text.en.meaning).toContain('72 hours')
    expect(statusByCode(503)?.text.sv.meaning).toContain('72 timmar')
    expect(statusByCode(503)?.text.en.action).toContain('202')
  })
})

describe('look-ups', () => {
  it('finds by code and by name in any case', () => {
    expect(statusByCode(201)?.name).toBe('DeliveredToHandset')
    expect(statusByCode(200)).toBeNull()
    expect(statusByName('deliveredtohandset')?.code).toBe(201)
    expect(statusByName('  SUBSCRIBEROFFLINE ')?.code).toBe(503)
    expect(statusByName('Levererad')).toBeNull()
    expect(statusName(409)).toBe('InvalidRecipient')
    expect(statusName(123)).toBe('Unknown')
  })

  it('lookupStatus takes numbers, numeric strings, names and old Web SMS names', () => {
    expect(lookupStatus(202)?.name).toBe('Expired')
    expect(lookupStatus(' 405 ')?.name).toBe('RecipientRejected')
    expect(lookupStatus('gatewayerror')?.code).toBe(516)
    expect(lookupStatus('nonsense')).toBeNull()
    expect(lookupStatus('')).toBeNull()
    expect(lookupStatus(42)).toBeNull()
  })

  it('maps the old Web SMS statuses to today’s codes, in any case, with their own explanation', () => {
    const expected = { Levererad: 201, Skickad: 111, Fel: 515 }
    expect(Object.fromEntries(LEGACY_STATUSES.map((l) => [l.name, l.code]))).toEqual(expected)
    for (const q of ['Levererad', 'levererad', 'LEVERERAD']) {
      const hit = lookupStatus(q)
      expect(hit?.code).toBe(201)
      expect(hit?.legacy?.name).toBe('Levererad')
    }
    expect(lookupStatus('skickad')?.name).toBe('DeliveredToGateway')
    expect(lookupStatus('fel')?.name).toBe('GenericDeliveryFailure')
    for (const l of LEGACY_STATUSES) {
      const current = statusByCode(l.code)
      expect(l.text.sv.meaning).not.toBe(current?.text.sv.meaning)
      expect(l.text.en.meaning).toContain(String(l.code))
    }
  })
})

describe('describeStatus', () => {
  it('uses the catalogue for known codes', () => {
    const d = describeStatus(410, 'en')
    expect(d).toMatchObject({
      code: 410,
      name: 'MissingSmsSubscription',
      known: true,
      group: 'Rejection',
      final: true,
    })
    expect(d.meaning).toBe(statusByCode(410)?.text.en.meaning)
    expect(describeStatus(410, 'sv').meaning).toBe(statusByCode(410)?.text.sv.meaning)
  })

  it('explains unknown codes by their first digit', () => {
    expect(describeStatus(150, 'en')).toMatchObject({ known: false, name: null, group: 'Info', final: false })
    expect(describeStatus(150, 'en').meaning).toContain('still on its way')
    expect(describeStatus(299, 'en')).toMatchObject({ group: 'Success', final: true })
    expect(describeStatus(299, 'en').meaning).toContain('done')
    expect(describeStatus(450, 'sv')).toMatchObject({ group: 'Rejection', final: true })
    expect(describeStatus(450, 'sv').meaning).toContain('nekades innan det skickades')
    expect(describeStatus(577, 'en').meaning).toContain('went wrong while delivering')
    for (const code of [300, 650, 42, -501, 1234, 0]) {
      const d = describeStatus(code, 'en')
      expect(d, String(code)).toMatchObject({ known: false, group: null, final: null })
      expect(d.meaning).toContain('not a status code')
    }
  })

  it('answers for any integer in either language without throwing', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('sv' as const, 'en' as const), (code, lang) => {
        const d = describeStatus(code, lang)
        expect(d.code).toBe(code)
        expect(d.meaning).not.toBe('')
        expect(d.action).not.toBe('')
        expect(d.known).toBe(statusByCode(code) !== null)
      }),
    )
  })
})
