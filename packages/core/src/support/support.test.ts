/** `desk.support` on every dialect: tokens kept only as hashes, notes hidden from customers, retention. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { testDialects } from '../store/testing.ts'
import type { SupportMessageEvent } from './types.ts'

const start = {
  question: 'Hur skickar jag till USA?',
  name: 'Anna',
  email: 'anna@example.com',
  mobile: '070-123 45 67',
  smsConsent: true,
  customerNumber: '100001',
  page: 'https://example.com/help',
  lang: 'sv' as const,
  recentSearches: ['usa', 'amerikanska nummer'],
}

describe.each(testDialects())('desk.support on %s', (dialect) => {
  let desk: TestDesk
  beforeAll(async () => {
    desk = await createTestDesk(dialect)
  })
  afterAll(async () => {
    await desk?.close()
  })

  it('starts a conversation, keeps only the token hash, hides notes from the customer and emits replies', async () => {
    const events: SupportMessageEvent[] = []
    const off = desk.support.onMessage((e) => events.push(e))
    const { conversationId, token } = await desk.support.startConversation(start)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const row = await desk.db.selectFrom('support_conversations').selectAll().executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain(token)
    expect(row.mobile).toBe('+46701234567')

    await desk.support.staffReply(conversationId, { text: 'Ja, det går.', staffName: 'Sara' })
    await desk.support.staffReply(conversationId, {
      text: '#note kolla kontot',
      staffName: 'Sara',
      internal: true,
    })
    await desk.support.addCustomerMessage(token, 'Tack!')
    off()
    const view = await desk.support.conversation(token)
    expect(view.messages.map((m) => [m.author, m.text])).toEqual([
      ['customer', 'Hur skickar jag till USA?'],
      ['staff', 'Ja, det går.'],
      ['customer', 'Tack!'],
    ])
    expect((await desk.support.get(conversationId)).messages).toHaveLength(4)
    expect(events.map((e) => e.message.author)).toEqual(['customer', 'staff', 'staff', 'customer'])
    expect(events[1]?.conversation).toMatchObject({
      answeredBy: 'Sara',
      recentSearches: start.recentSearches,
    })
  })

  it('refuses HTML, unknown or malformed tokens, and stores nothing then', async () => {
    const before = await desk.db.selectFrom('support_conversations').select('id').execute()
    await expect(desk.support.startConversation({ ...start, question: '<b>hi</b>' })).rejects.toMatchObject({
      code: 'InvalidContent',
      details: { reason: 'html' },
    })
    await expect(
      desk.support.startConversation({ ...start, email: null, mobile: null }),
    ).rejects.toMatchObject({
      code: 'InvalidRequest',
    })
    expect(await desk.db.selectFrom('support_conversations').select('id').execute()).toEqual(before)
    await expect(desk.support.conversation('x'.repeat(43))).rejects.toMatchObject({ code: 'NotFound' })
    await expect(desk.support.addCustomerMessage('nope', 'hi')).rejects.toMatchObject({ code: 'NotFound' })
  })

  it('resolves, reopens, links a thread, deletes by token and purges after the retention', async () => {
    const { conversationId, token } = await desk.support.startConversation(start)
    const thread = { platform: 'slack' as const, channel: 'C1', ts: '1700000000.000100' }
    await desk.support.linkThread(conversationId, thread)
    expect((await desk.support.findByThread(thread))?.id).toBe(conversationId)
    expect((await desk.support.resolve(conversationId, 'Sara')).status).toBe('resolved')
    expect((await desk.support.reopen(conversationId, 'Sara')).status).toBe('open')
    await desk.support.deleteByToken(token)
    await expect(desk.support.conversation(token)).rejects.toMatchObject({ code: 'NotFound' })

    const old = await desk.support.startConversation(start)
    desk.clock.advance(91 * 86_400_000)
    const fresh = await desk.support.startConversation(start)
    expect(await desk.support.purgeOlderThan(90)).toBeGreaterThanOrEqual(1)
    await expect(desk.support.conversation(old.token)).rejects.toMatchObject({ code: 'NotFound' })
    expect((await desk.support.conversation(fresh.token)).messages).toHaveLength(1)
    expect(
      await desk.db
        .selectFrom('support_messages')
        .select('id')
        .where('conversation_id', '=', old.conversationId)
        .execute(),
    ).toEqual([])
  })
})
