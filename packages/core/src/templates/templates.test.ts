/** Templates saved per account and filled per recipient at send time, on every dialect. */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { testDialects } from '../store/testing.ts'
import { fillTemplate } from './fill.ts'

describe('fillTemplate', () => {
  it('fills values, uses declared defaults and reports what is missing', () => {
    expect(fillTemplate('Hej {firstName}! Tid {date}.', { firstName: 'Anna', date: '14:00' })).toEqual({
      ok: true,
      body: 'Hej Anna! Tid 14:00.',
    })
    expect(fillTemplate('Hej {firstName|vän}!', { firstName: '' })).toEqual({ ok: true, body: 'Hej vän!' })
    expect(fillTemplate('Hej {firstName} {lastName}', {})).toEqual({
      ok: false,
      missing: ['firstName', 'lastName'],
    })
  })

  it('never leaves a placeholder in a filled text', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/)
    fc.assert(
      fc.property(fc.array(name, { maxLength: 5 }), fc.dictionary(name, fc.string()), (names, values) => {
        const result = fillTemplate(names.map((n) => `x {${n}} y`).join(' '), values)
        if (result.ok) for (const n of names) expect(result.body).not.toContain(`{${n}}`)
        else for (const n of result.missing) expect(names).toContain(n)
      }),
    )
  })
})

describe.each(testDialects())('desk.templates on %s', (dialect) => {
  let desk: TestDesk
  let acc: string
  let other: string
  beforeAll(async () => {
    desk = await createTestDesk(dialect)
    acc = (await desk.accounts.create({ name: 'Salong', balance: 10_000 })).id
    other = (await desk.accounts.create({ name: 'Other' })).id
    await desk.contacts.create(acc, { number: '0701234201', firstName: 'Anna', groups: ['Kunder'] })
    await desk.contacts.create(acc, {
      number: '0701234202',
      firstName: 'Bartholomew-Maximilian',
      groups: ['Kunder'],
    })
    await desk.contacts.create(acc, { number: '0701234203', groups: ['Kunder'] })
  })
  afterAll(async () => {
    await desk?.close()
  })

  it('saves, lists, replaces, reads and deletes per account; another account sees none', async () => {
    const saved = await desk.templates.save(acc, {
      name: 'Booking',
      body: 'Hej {firstName}! Din tid är {date}.',
    })
    expect(saved).toMatchObject({ name: 'booking', placeholders: ['firstName', 'date'] })
    await desk.templates.save(acc, { name: 'booking', body: 'Hej {firstName|vän}! Din tid är {date}.' })
    expect((await desk.templates.list(acc)).map((t) => t.body)).toEqual([
      'Hej {firstName|vän}! Din tid är {date}.',
    ])
    expect(await desk.templates.list(other)).toEqual([])
    await expect(desk.templates.get(other, 'booking')).rejects.toMatchObject({ code: 'NotFound' })
    await expect(desk.templates.save(acc, { name: 'bad name', body: 'x' })).rejects.toMatchObject({
      code: 'InvalidRequest',
    })
    await desk.templates.save(acc, { name: 'gone', body: 'x' })
    await desk.templates.delete(acc, 'GONE')
    await expect(desk.templates.get(acc, 'gone')).rejects.toMatchObject({ code: 'NotFound' })
  })

  it('fills each recipient, prices each message on its own text and rejects a missing field', async () => {
    await desk.templates.save(acc, { name: 'hej', body: `Hej {firstName}! ${'x'.repeat(140)}` })
    const request = {
      sender: 'Salong',
      groups: ['kunder'],
      body: '',
      template: 'hej',
      purpose: 'transactional' as const,
    }
    const quote = await desk.messages.quote(acc, request)
    const by = new Map(quote.recipients.map((r) => [r.recipient, r]))
    expect(by.get('+46701234201')).toMatchObject({ status: null, segments: 1 })
    expect(by.get('+46701234202')).toMatchObject({ status: null, segments: 2 })
    expect(by.get('+46701234203')?.status).toEqual({ code: 408, name: 'InvalidContent' })
    expect(quote.total.segments).toBe(3)
    expect(quote.optOut.example).toBe(`Hej Anna! ${'x'.repeat(140)}`)
    const sent = await desk.messages.send(acc, request)
    expect(sent.messages.map((m) => [m.recipient, m.body.slice(0, 9), m.status.code]).sort()).toEqual([
      ['+46701234201', 'Hej Anna!', 103],
      ['+46701234202', 'Hej Barth', 103],
      ['+46701234203', `Hej {firs`, 408],
    ])
    expect(sent.messages.every((m) => m.status.code === 408 || !m.body.includes('{'))).toBe(true)
    expect(sent.total.segments).toBe(3)
  })

  it('uses declared defaults and variables, and hashes the template into the idempotency key', async () => {
    await desk.templates.save(acc, { name: 'tid', body: 'Hej {firstName|vän}! Din tid är {date}.' })
    const request = {
      sender: 'Salong',
      recipients: ['0701234203'],
      body: '',
      template: 'tid',
      variables: { date: 'fredag 14:00' },
      idempotencyKey: 'tpl-1',
      purpose: 'transactional' as const,
    }
    const sent = await desk.messages.send(acc, request)
    expect(sent.messages[0]?.body).toBe('Hej vän! Din tid är fredag 14:00.')
    expect((await desk.messages.send(acc, request)).replayed).toBe(true)
    await expect(
      desk.messages.send(acc, { ...request, variables: { date: 'lördag 10:00' } }),
    ).rejects.toMatchObject({ code: 'IdempotencyConflict' })
  })
})
