/** Chat links on every dialect: workspaces, roles, single-use confirmations (raced), threads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatLinks, SendRequest } from '../desk.ts'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { createChatLinks } from './chat-links.ts'

describe.each(testDialects())('chat links on %s', (dialect) => {
  let t: TestDatabase
  let clock: ManualClock
  let chat: ChatLinks

  async function seedAccount(id: string): Promise<void> {
    await t.db
      .insertInto('accounts')
      .values({
        id,
        name: id,
        currency: 'SEK',
        balance: 0,
        na_campaign: 0,
        banned_words: '[]',
        created_at: clock.now().toISOString(),
      })
      .execute()
  }

  async function seedMessage(
    accountId: string,
    batchId: string,
    messageId: string,
    recipient: string,
    statusCode = 201,
  ): Promise<void> {
    const at = clock.now().toISOString()
    await t.db
      .insertInto('batches')
      .values({
        id: batchId,
        account_id: accountId,
        source: 'slack',
        message_count: 1,
        total_segments: 1,
        total_price: 0,
        currency: 'SEK',
        created_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await t.db
      .insertInto('messages')
      .values({
        id: messageId,
        account_id: accountId,
        batch_id: batchId,
        sender: 'Acme',
        recipient,
        country: 'SE',
        body: 'hej',
        encoding: 'GSM-7',
        segments: 1,
        price: 0,
        currency: 'SEK',
        status_code: statusCode,
        charged: 0,
        source: 'slack',
        send_at: at,
        valid_until: at,
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute()
  }

  beforeAll(async () => {
    t = await openTestDatabase(dialect)
    clock = manualClock()
    chat = createChatLinks(testContext(t, clock))
    await seedAccount('acc_a')
    await seedAccount('acc_b')
  })
  afterAll(async () => {
    await t?.close()
  })

  it('links a workspace with the linking user as a member, and relinks it', async () => {
    expect(await chat.getWorkspace('slack', 'T1')).toBeNull()
    const ws = await chat.linkWorkspace('slack', 'T1', 'acc_a', 'U1', 'admin')
    expect(ws).toEqual({ platform: 'slack', workspaceId: 'T1', accountId: 'acc_a', lang: 'sv' })
    expect(await chat.getMemberRole('slack', 'T1', 'U1')).toBe('admin')
    await chat.setLang('slack', 'T1', 'en')
    const moved = await chat.linkWorkspace('slack', 'T1', 'acc_b', 'U2', 'sender')
    expect(moved).toEqual({ platform: 'slack', workspaceId: 'T1', accountId: 'acc_b', lang: 'en' })
    expect(await chat.getWorkspace('teams', 'T1')).toBeNull()
    await expect(chat.linkWorkspace('slack', 'T2', 'acc_missing', 'U1', 'admin')).rejects.toMatchObject({
      code: 'NotFound',
    })
    await expect(chat.setLang('slack', 'T_unknown', 'en')).rejects.toMatchObject({ code: 'NotFound' })
  })

  it('sets, changes and removes member roles', async () => {
    expect(await chat.getMemberRole('teams', 'W', 'u')).toBeNull()
    await chat.setMemberRole('teams', 'W', 'u', 'viewer')
    await chat.setMemberRole('teams', 'W', 'u', 'sender')
    expect(await chat.getMemberRole('teams', 'W', 'u')).toBe('sender')
    expect(await chat.removeMember('teams', 'W', 'u')).toBe(true)
    expect(await chat.removeMember('teams', 'W', 'u')).toBe(false)
    expect(await chat.getMemberRole('teams', 'W', 'u')).toBeNull()
  })

  it('hands a pending send back exactly once, with its dates intact', async () => {
    const request: SendRequest = {
      sender: 'Acme',
      recipients: ['+46701234567'],
      groups: ['Kunder'],
      body: 'Hej!',
      sendAt: new Date('2026-11-26T08:00:00.000Z'),
      source: 'slack',
      createdBy: 'U1',
    }
    const id = await chat.createPendingSend('slack', 'T1', 'U1', request, 60_000)
    expect(await chat.takePendingSend(id, 'slack', 'T_other')).toBeNull()
    expect(await chat.takePendingSend(id, 'teams', 'T1')).toBeNull()
    expect(await chat.takePendingSend(id, 'slack', 'T1')).toEqual(request)
    expect(await chat.takePendingSend(id, 'slack', 'T1')).toBeNull()
    expect(await chat.takePendingSend('pend_unknown', 'slack', 'T1')).toBeNull()
  })

  it('refuses an expired pending send', async () => {
    const id = await chat.createPendingSend(
      'slack',
      'T1',
      'U1',
      { sender: 'Acme', body: 'x', recipients: ['+46701234567'] },
      60_000,
    )
    clock.advance(60_000)
    expect(await chat.takePendingSend(id, 'slack', 'T1')).toBeNull()
  })

  it('lets exactly one of 20 racing confirmations win', async () => {
    const id = await chat.createPendingSend(
      'slack',
      'T1',
      'U1',
      { sender: 'Acme', body: 'race', recipients: ['+46701234567'] },
      60_000,
    )
    const results = await Promise.all(
      Array.from({ length: 20 }, () => chat.takePendingSend(id, 'slack', 'T1')),
    )
    expect(results.filter((r) => r !== null)).toHaveLength(1)
  })

  it('lists the sends with a chat message and a message not yet final, once each', async () => {
    const thread = (batchId: string, messageRef: string) =>
      chat.saveThread({
        platform: 'slack',
        workspaceId: 'T1',
        batchId,
        channel: 'C1',
        messageRef,
        conversation: null,
      })
    // Done: every message final (201 delivered, 202 expired).
    await seedMessage('acc_a', 'bat_done', 'msg_d1', '+46701234561', 201)
    await seedMessage('acc_a', 'bat_done', 'msg_d2', '+46701234562', 202)
    await thread('bat_done', '1.1')
    // On its way: one message still at 503 SubscriberOffline (not final), with two chat messages.
    await seedMessage('acc_a', 'bat_open', 'msg_o1', '+46701234563', 201)
    await seedMessage('acc_a', 'bat_open', 'msg_o2', '+46701234564', 503)
    await thread('bat_open', '2.1')
    await thread('bat_open', '2.2')
    // Scheduled, but sent from the API: no chat message to keep current.
    await seedMessage('acc_a', 'bat_api', 'msg_a1', '+46701234565', 103)
    expect(await chat.unfinishedThreadBatches()).toEqual(['bat_open'])
  })

  it('stores threads and finds them by batch, by reference and by recent recipient', async () => {
    await seedMessage('acc_a', 'bat_1', 'msg_1', '+46701234567')
    const thread = await chat.saveThread({
      platform: 'slack',
      workspaceId: 'T1',
      batchId: 'bat_1',
      channel: 'C1',
      messageRef: '1700000000.000100',
      conversation: null,
    })
    expect(thread).toMatchObject({ batchId: 'bat_1', channel: 'C1', createdAt: clock.now() })
    expect(await chat.threadsForBatch('bat_1')).toEqual([thread])
    expect(await chat.threadByRef('slack', 'C1', '1700000000.000100')).toEqual(thread)
    expect(await chat.threadByRef('teams', 'C1', '1700000000.000100')).toBeNull()
    expect(await chat.latestThreadIn('slack', 'C1')).toEqual(thread)
    expect(await chat.latestThreadIn('slack', 'C_none')).toBeNull()

    clock.advance(60_000)
    await seedMessage('acc_a', 'bat_2', 'msg_2', '+46701234567')
    const newer = await chat.saveThread({
      platform: 'teams',
      workspaceId: 'W1',
      batchId: 'bat_2',
      channel: '19:abc',
      messageRef: 'activity-1',
      conversation: '{"id":"conv"}',
    })
    expect(await chat.recentThreadForNumber('acc_a', '+46701234567', 3_600_000)).toEqual({
      thread: newer,
      messageId: 'msg_2',
    })
    expect(await chat.recentThreadForNumber('acc_b', '+46701234567', 3_600_000)).toBeNull()
    expect(await chat.recentThreadForNumber('acc_a', '+46709999999', 3_600_000)).toBeNull()
    clock.advance(3_600_001)
    expect(await chat.recentThreadForNumber('acc_a', '+46701234567', 3_600_000)).toBeNull()
  })
})
