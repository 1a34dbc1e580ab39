/**
 * Widget support in Teams, end to end over the real server and the connector stand-in: a support workspace linked
 * from a channel gets each question as a card there with the searches and the account hint, a staff reply in the
 * card's thread reaches the customer (a `#note` never does), and Resolve updates the card.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BotConnectorStandin, startBotConnectorStandin, waitFor } from '@smsdesk/bot/testing'
import { type RunningServer, startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const TENANT = 'tenant-provider'
const CHANNEL = '19:support-questions@thread.tacv2'
const BOT_ID = '28:smsdesk-bot'
const OPS = '29:user-olle'
const HEADER = 'X-Conversation-Token'

let connector: BotConnectorStandin
let running: RunningServer
let dataDir: string
let customer: { id: string; customerNumber: string }
let activityNo = 0

beforeAll(async () => {
  connector = await startBotConnectorStandin()
  dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-teams-support-chat-'))
  running = await startServer(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SIMULATOR_STEP_MS: '5',
      // No app id: the local connector stand-in is reached only in the explicitly unauthenticated mode.
      BOT_TEAMS: 'unauthenticated',
      SUPPORT_ENABLED: '1',
    },
    { announce: () => {} },
  )
  customer = await running.desk.operator.accounts.create({ name: 'Beta Bygg AB' })
  // Linking the support workspace from a channel makes that channel the support channel.
  await post(channelMessage(`connect ${running.operator!.key}`, { conversation: CHANNEL, user: OPS }))
  await waitFor(
    'the support channel',
    async () => (await running.desk.operator.workspaces.get('teams', TENANT))?.supportChannel ?? undefined,
  )
})

afterAll(async () => {
  await running?.stop()
  await rm(dataDir, { recursive: true, force: true })
  await connector?.close()
})

function channelMessage(
  text: string | undefined,
  opts: { conversation: string; user: string; name?: string; extra?: Record<string, unknown> },
) {
  return {
    type: 'message',
    id: `incoming-${++activityNo}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: opts.user, name: opts.name ?? opts.user },
    recipient: { id: BOT_ID, name: 'smsdesk' },
    conversation: { id: opts.conversation, tenantId: TENANT, conversationType: 'channel', isGroup: true },
    channelData: { tenant: { id: TENANT }, team: { id: '19:team' }, channel: { id: CHANNEL } },
    ...(text === undefined
      ? {}
      : {
          text: `<at>smsdesk</at> ${text}`,
          entities: [
            { type: 'mention', text: '<at>smsdesk</at>', mentioned: { id: BOT_ID, name: 'smsdesk' } },
          ],
        }),
    ...opts.extra,
  }
}

async function post(body: Record<string, unknown>) {
  const res = await fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return res
}

async function ask(extra: Record<string, unknown> = {}) {
  const res = await fetch(`${running.url}/api/v1/support/conversations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      question: 'Hur skickar jag till amerikanska nummer?',
      name: 'Anna Andersson',
      email: 'anna@example.com',
      customerNumber: customer.customerNumber,
      page: 'https://shop.example/hjalp',
      lang: 'sv',
      recentSearches: ['amerikanska nummer', '+1-nummer'],
      ...extra,
    }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { conversationId: string; token: string }
}

/** The card the conversation was posted as, and its activity id (the thread root). */
async function channelCard(conversationId: string) {
  const thread = await waitFor(
    'the thread link',
    async () => (await running.desk.support.get(conversationId)).conversation.thread ?? undefined,
    5_000,
  )
  const call = connector.calls.find((c) => c.kind === 'send' && c.conversationId === CHANNEL)
  expect(thread).toMatchObject({ platform: 'teams', channel: CHANNEL })
  const sent = connector.calls.filter((c) => c.kind === 'send' && c.conversationId === CHANNEL)
  return { call: call!, sent, root: thread.ts }
}

const staffWrites = (text: string, root: string, name = 'Sara Support') =>
  post(
    channelMessage(text, {
      conversation: `${CHANNEL};messageid=${root}`,
      user: '29:user-sara',
      name,
      extra: { replyToId: root },
    }),
  )

async function messagesOf(token: string) {
  const res = await fetch(`${running.url}/api/v1/support/conversation`, { headers: { [HEADER]: token } })
  return ((await res.json()) as { messages: { author: string; text: string; staffName: string | null }[] })
    .messages
}

describe('widget support in Teams', () => {
  it('posts the question as a card in the linked channel, and a thread reply reaches the customer', async () => {
    const { conversationId, token } = await ask()
    const { sent, root } = await channelCard(conversationId)
    const posted = JSON.stringify(sent.map((c) => c.activity))
    expect(posted).toContain('application/vnd.microsoft.card.adaptive')
    expect(posted).toContain('Hur skickar jag till amerikanska nummer?')
    expect(posted).toContain('amerikanska nummer')
    expect(posted).toContain('+1-nummer')
    expect(posted).toContain(`account ${customer.customerNumber}`)
    expect(posted).toContain('https://shop.example/hjalp')
    expect(
      sent.some((c) => c.activityId === null && JSON.stringify(c.activity).includes('Anna Andersson')),
    ).toBe(true)

    await staffWrites('#note kolla kampanjen först', root)
    await staffWrites('Hej Anna! Nordamerika kräver en kampanj.', root)
    const messages = await waitFor('the staff reply', async () => {
      const all = await messagesOf(token)
      return all.length === 2 ? all : undefined
    })
    expect(messages.map((m) => m.author)).toEqual(['customer', 'staff'])
    expect(messages[1]).toMatchObject({
      text: 'Hej Anna! Nordamerika kräver en kampanj.',
      staffName: 'Sara Support',
    })
    const { messages: all } = await running.desk.support.get(conversationId)
    expect(all.filter((m) => m.internal).map((m) => m.text)).toEqual(['#note kolla kampanjen först'])
    // The card now names who answered.
    const update = await waitFor('the answered card', () =>
      connector.calls.find((c) => c.kind === 'update' && c.activityId === root),
    )
    expect(JSON.stringify(update.activity)).toContain('Sara Support')
  })

  it('turns the thread into a FAQ draft on "faq draft", answered in the thread and never sent to the customer', async () => {
    const { conversationId, token } = await ask()
    const { root } = await channelCard(conversationId)
    await staffWrites('Boka en kampanj för Nordamerika via supporten.', root)
    await waitFor('the staff reply', async () => ((await messagesOf(token)).length === 2 ? true : undefined))
    const before = connector.calls.length
    await staffWrites('faq draft Kampanj för Nordamerika', root)
    const ack = await waitFor('the acknowledgement in the thread', () =>
      connector.calls
        .slice(before)
        .find(
          (c) =>
            c.conversationId?.startsWith(CHANNEL) &&
            JSON.stringify(c.activity).includes('Kampanj för Nordamerika'),
        ),
    )
    expect(ack.kind).not.toBe('update')
    const drafts = await running.desk.support.drafts.list()
    const draft = drafts.find((d) => d.title === 'Kampanj för Nordamerika')
    expect(draft).toBeDefined()
    expect(JSON.stringify(draft)).toContain('Boka en kampanj för Nordamerika via supporten.')
    // The command is not an answer: the customer still sees only the question and the one reply.
    expect((await messagesOf(token)).map((m) => m.author)).toEqual(['customer', 'staff'])
  })

  it('relays a customer follow-up into the thread', async () => {
    const { conversationId, token } = await ask()
    const { root } = await channelCard(conversationId)
    const res = await fetch(`${running.url}/api/v1/support/conversation/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [HEADER]: token },
      body: JSON.stringify({ text: 'Det gäller Kanada också.' }),
    })
    expect(res.status).toBeLessThan(300)
    const reply = await waitFor('the follow-up in the thread', () =>
      connector.calls.find(
        (c) => c.kind === 'reply' && c.activityId === root && JSON.stringify(c.activity).includes('Kanada'),
      ),
    )
    expect(reply.conversationId).toBe(CHANNEL)
  })

  it('Resolve (Action.Submit) updates the card with the status and who answered', async () => {
    const { conversationId } = await ask()
    const { root } = await channelCard(conversationId)
    await staffWrites('Det ordnar sig.', root, 'Sara Support')
    await post(
      channelMessage(undefined, {
        conversation: `${CHANNEL};messageid=${root}`,
        user: '29:user-sara',
        name: 'Sara Support',
        extra: { replyToId: root, value: { smsdesk: 'support_resolve', pendingId: conversationId } },
      }),
    )
    const update = await waitFor('the resolved card', () =>
      connector.calls.find(
        (c) => c.kind === 'update' && c.activityId === root && JSON.stringify(c.activity).includes('löst'),
      ),
    )
    const card = JSON.stringify(update.activity)
    expect(card).toContain('Sara Support')
    expect(card).toContain('support_reopen')
    expect((await running.desk.support.get(conversationId)).conversation.status).toBe('resolved')
  })

  it('Reopen (Action.Execute) answers with the refreshed card and updates the channel card', async () => {
    const { conversationId } = await ask()
    const { root } = await channelCard(conversationId)
    await running.desk.support.resolve(conversationId, 'Sara Support')
    const res = await post({
      ...channelMessage(undefined, {
        conversation: `${CHANNEL};messageid=${root}`,
        user: '29:user-olle',
        name: 'Olle Ops',
        extra: { replyToId: root },
      }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb: 'support_reopen', data: { pendingId: conversationId } },
      },
    })
    const answered = JSON.stringify(await res.json())
    expect(answered).toContain('application/vnd.microsoft.card.adaptive')
    expect(answered).toContain('support_resolve')
    await waitFor('the reopened card', () =>
      connector.calls.find(
        (c) =>
          c.kind === 'update' &&
          c.activityId === root &&
          JSON.stringify(c.activity).includes('support_resolve'),
      ),
    )
    expect((await running.desk.support.get(conversationId)).conversation.status).toBe('open')
  })

  it('ignores a Resolve click from outside the support channel', async () => {
    const { conversationId } = await ask()
    await channelCard(conversationId)
    await post(
      channelMessage(undefined, {
        conversation: '19:elsewhere@thread.tacv2',
        user: '29:user-mallory',
        extra: { value: { smsdesk: 'support_resolve', pendingId: conversationId } },
      }),
    )
    expect((await running.desk.support.get(conversationId)).conversation.status).toBe('open')
  })
})
