import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { STATUSES } from '../status/catalogue.ts'
import { advancesTo } from './progress.ts'
import { REFUND_RULES, refundDue, refundRulesMarkdown } from './refunds.ts'

describe('refund rules', () => {
  it('has exactly one rule for every final code in the catalogue, with its catalogue name', () => {
    const finals = STATUSES.filter((s) => s.final)
    expect(REFUND_RULES.map((r) => r.code)).toEqual(finals.map((s) => s.code))
    for (const rule of REFUND_RULES) expect(rule.name).toBe(finals.find((s) => s.code === rule.code)?.name)
  })

  it('refunds per rule and hand-over', () => {
    expect(refundDue(203, false)).toBe(true)
    expect(refundDue(511, true)).toBe(true)
    expect(refundDue(516, true)).toBe(true)
    expect(refundDue(202, false)).toBe(true)
    expect(refundDue(202, true)).toBe(false)
    expect(refundDue(405, false)).toBe(true)
    expect(refundDue(501, true)).toBe(false)
    expect(refundDue(201, false)).toBe(false)
    expect(refundDue(599, false)).toBe(false)
    // A final code outside the catalogue: refunded only if the gateway never had it.
    expect(refundDue(577, false)).toBe(true)
    expect(refundDue(577, true)).toBe(false)
  })

  it('is the table docs/core.md prints', () => {
    const doc = readFileSync(new URL('../../../../docs/core.md', import.meta.url), 'utf8')
    expect(doc).toContain(refundRulesMarkdown('en'))
  })
})

describe('status progress', () => {
  it('moves forward only and never away from a final code', () => {
    expect(advancesTo(103, 110)).toBe(true)
    expect(advancesTo(113, 112)).toBe(false)
    expect(advancesTo(111, 114)).toBe(true)
    expect(advancesTo(114, 112)).toBe(true)
    expect(advancesTo(113, 503)).toBe(true)
    expect(advancesTo(503, 201)).toBe(true)
    expect(advancesTo(201, 202)).toBe(false)
    expect(advancesTo(201, 113)).toBe(false)
    expect(advancesTo(110, 402)).toBe(true)
  })
})
