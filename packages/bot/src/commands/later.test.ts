/** Scheduled sends, cancel with refund and template sends through the command layer, on a test clock. */
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { answerToText } from '../render/text.ts'
import { handleButton } from './actions.ts'
import type { CommandContext } from './context.ts'
import { handleCommand } from './handle.ts'
import { parseCommand } from './parse.ts'

// A Wednesday noon in Stockholm (11:00 UTC, winter time).
const NOW = new Date('2026-12-02T11:00:00Z')

describe.each(testDialects())('later commands on %s', (dialect) => {
  let desk: TestDesk
  let accountId: string
  beforeEach(async () => {
    desk = await createTestDesk(dialect, { now: NOW })
    const account = await desk.accounts.create({
      name: 'Salong',
      balance: 100_000,
      virtualNumbers: ['+46766000333'],
    })
    accountId = account.id
    const admin = await desk.users.create(accountId, { name: 'Ada', role: 'admin' })
    const key = (await desk.apiKeys.issue(accountId, admin.id)).key
    await handleCommand(ctx, parseCommand(`connect ${key}`))
    await handleCommand(ctx, parseCommand('lang en'))
  })
  afterEach(async () => {
    await desk.close()
  })
  const ctx = {
    get desk() {
      return desk
    },
    platform: 'slack',
    workspaceId: 'T1',
    userId: 'U1',
    channel: 'C1',
  } as CommandContext
  const run = (text: string) => handleCommand(ctx, parseCommand(text))

  it('confirms a scheduled send with its absolute time and sends it at that time, not before', async () => {
    const ask = await run('send 070-123 45 67 kl 09:00 imorgon Välkommen in')
    const text = answerToText(ask)
    expect(text).toContain('2026-12-03 09:00:00 (Europe/Stockholm)')
    expect(text).toContain('+46766000333')
    expect(ask.buttons?.map((b) => b.action)).toEqual(['confirm_send', 'cancel_send'])
    const sent = await handleButton(ctx, 'confirm_send', ask.buttons?.[0]?.value ?? '')
    expect(sent.title).toBe('Scheduled to 1 recipient')
    expect(sent.text).toContain('2026-12-03 09:00:00')
    const [message] = (await desk.messages.list(accountId)).items
    expect(message?.sendAt.toISOString()).toBe('2026-12-03T08:00:00.000Z')
    expect(answerToText(await run('scheduled'))).toContain(message?.id ?? '?')

    const dispatcher = desk.dispatcher.start({ pollMs: 60_000 })
    try {
      await dispatcher.runOnce()
      expect((await desk.messages.get(accountId, message?.id ?? '')).status.code).toBe(103)
      desk.clock.set(new Date('2026-12-03T08:00:01Z'))
      await dispatcher.runOnce()
      expect((await desk.messages.get(accountId, message?.id ?? '')).status.code).toBeGreaterThanOrEqual(110)
      // The simulator reports on; the test ends when the message has its final status.
      await vi.waitFor(async () =>
        expect((await desk.messages.get(accountId, message?.id ?? '')).final).toBe(true),
      )
    } finally {
      await dispatcher.stop()
    }
  })

  it('refuses a time already past, typed or from the form, and books nothing', async () => {
    const before = await desk.ledger.balance(accountId)
    const typed = await run('send 0701234567 at 2026-12-01 09:00 Too late')
    expect(typed.tone).toBe('warning')
    expect(typed.buttons ?? []).toEqual([])
    const parsed = parseCommand('send 0701234567 From the form')
    if (!parsed.ok || parsed.command.kind !== 'send') throw new Error('not a send')
    const form = await handleCommand(ctx, { ...parsed.command, sendAt: new Date('2026-12-01T08:00:00Z') })
    expect(form.tone).toBe('warning')
    expect(answerToText(form)).toContain('2026-12-01 09:00')
    expect(form.buttons ?? []).toEqual([])
    expect((await desk.messages.list(accountId)).items).toHaveLength(0)
    expect(await desk.ledger.balance(accountId)).toEqual(before)
  })

  it('cancels a scheduled batch and shows the refund; the balance is whole again', async () => {
    const before = await desk.ledger.balance(accountId)
    const ask = await run('send 0701234567, 0707654321 at 2026-12-24 09:00 valid 24h God jul')
    expect(answerToText(ask)).toContain('2026-12-24 09:00:00')
    await handleButton(ctx, 'confirm_send', ask.buttons?.[0]?.value ?? '')
    const [first] = (await desk.messages.list(accountId)).items
    expect(first?.validUntil.getTime()).toBe(new Date('2026-12-25T08:00:00Z').getTime())
    const charged = before.amount - (await desk.ledger.balance(accountId)).amount
    expect(charged).toBeGreaterThan(0)
    const canceled = await run(`cancel ${first?.batchId}`)
    expect(canceled.text).toContain('2 SMS were stopped (203 Canceled)')
    expect(canceled.text).toContain(`${(charged / 100).toFixed(2)} SEK went back`)
    expect(await desk.ledger.balance(accountId)).toEqual(before)
    expect((await run('scheduled')).text).toBe('No scheduled SMS are waiting.')
    expect((await run(`avbryt ${first?.id}`)).text).toMatch(/203 Canceled/)
  })

  it('sends a template filled per recipient, priced per message, after showing one filled example', async () => {
    await desk.contacts.create(accountId, { number: '0701234201', firstName: 'Anna', groups: ['Kunder'] })
    await desk.contacts.create(accountId, { number: '0701234202', groups: ['Kunder'] })
    const saved = await run('template save tid Hej {firstName|vän}! Din tid är {date}.')
    expect(saved.text).toContain('{firstName}, {date}')
    expect(answerToText(await run('templates'))).toContain('template:tid')
    const ask = await handleCommand(
      { ...ctx, settings: { confirmAboveRecipients: 1 } },
      parseCommand('send group:kunder template:tid date="fredag 14:00"'),
    )
    const text = answerToText(ask)
    expect(text).toContain('Example (to +46701234201)')
    expect(text).toContain('Hej Anna! Din tid är fredag 14:00.')
    expect(text).toContain('Sender')
    await handleButton(ctx, 'confirm_send', ask.buttons?.[0]?.value ?? '')
    const bodies = (await desk.messages.list(accountId)).items.map((m) => [
      m.recipient,
      m.body,
      m.price.amount,
    ])
    expect(bodies.sort()).toEqual([
      ['+46701234201', 'Hej Anna! Din tid är fredag 14:00.', expect.any(Number)],
      ['+46701234202', 'Hej vän! Din tid är fredag 14:00.', expect.any(Number)],
    ])
    const missing = await run('send 0701234201 template:tid')
    expect(answerToText(missing)).toMatch(/408 InvalidContent/)
    expect((await run('template delete tid')).title).toBe('Finished')
  })
})
