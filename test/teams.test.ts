/**
 * Teams end to end: Bot Framework activities posted over real HTTP to /api/messages, with `serviceUrl` pointing at
 * a local connector stand-in where the bot's replies and card updates are read.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BotConnectorStandin, startBotConnectorStandin, waitFor } from '@smsdesk/bot/testing'
import type { Desk } from '@smsdesk/core'
import { startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const TENANT = 'tenant-0001'
const BOT_ID = '28:smsdesk-bot'
const USER = '29:user-ada'
const CONVERSATION = 'a:conversation-1'

interface TeamsServer {
  url: string
  desk: Desk
  accountId: string
  apiKey: string
  stop(): Promise<void>
}

/** The real server (E's `startServer`) on an ephemeral port and a throwaway SQLite file, with the simulator. */
async function startTeamsServer(env: Record<string, string>): Promise<TeamsServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-teams-'))
  const running = await startServer(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SIMULATOR_STEP_MS: '5', ...env },
    { announce: () => {} },
  )
  const boot = running.bootstrap
  if (!boot) throw new Error('expected a fresh database to be bootstrapped')
  await running.desk.ledger.topUp(boot.accountId, 90_000)
  return {
    url: running.url,
    desk: running.desk,
    accountId: boot.accountId,
    apiKey: boot.apiKey,
    async stop() {
      await running.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

let connector: BotConnectorStandin
let server: TeamsServer
let activityNo = 0

beforeAll(async () => {
  connector = await startBotConnectorStandin()
  server = await startTeamsServer({ BOT_TEAMS: 'unauthenticated', BOT_UPDATE_INTERVAL_MS: '30' })
})

afterAll(async () => {
  await server?.stop()
  await connector?.close()
})

function activity(text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `incoming-${++activityNo}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: USER, name: 'Ada Admin' },
    recipient: { id: BOT_ID, name: 'smsdesk' },
    conversation: { id: CONVERSATION, tenantId: TENANT, conversationType: 'personal' },
    channelData: { tenant: { id: TENANT } },
    text: `<at>smsdesk</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>smsdesk</at>', mentioned: { id: BOT_ID, name: 'smsdesk' } }],
    ...extra,
  }
}

async function postActivity(
  body: Record<string, unknown>,
  url = server.url,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

/** Sends `text` to the bot and returns the card it answered with. */
async function ask(text: string, extra: Record<string, unknown> = {}) {
  const before = connector.calls.length
  const body = activity(text, extra)
  const res = await postActivity(body)
  expect(res.status).toBe(200)
  const call = await waitFor(`the answer to "${text}"`, () =>
    connector.calls.slice(before).find((c) => c.kind !== 'update'),
  )
  expect(call.conversationId).toBe(CONVERSATION)
  return { call, card: cardOf(call.activity), id: body.id }
}

function cardOf(activity: Record<string, unknown>) {
  const attachments = activity.attachments as { contentType: string; content: Record<string, unknown> }[]
  expect(attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive')
  return attachments[0]?.content ?? {}
}

const json = (value: unknown) => JSON.stringify(value)

describe('Teams', () => {
  it('answers with an Adaptive Card, with or without a leading "sms", and asks unlinked tenants to connect', async () => {
    const { call, card } = await ask('sms help')
    expect(call.kind).toBe('reply')
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' })
    expect(json(card)).toContain('connect <api-nyckel>')
    const balance = await ask('balance')
    expect(json(balance.card)).toMatch(/inte kopplad/)
  })

  it('connects the tenant without echoing the key and answers lookups', async () => {
    const { card } = await ask(`connect ${server.apiKey}`)
    expect(json(card)).toContain('Kopplad')
    expect(json(card)).not.toContain(server.apiKey)
    expect(json((await ask('lang en')).card)).toContain('English')
    expect(json((await ask('balance')).card)).toContain('1000.00 SEK')
    expect(json((await ask('code Levererad')).card)).toContain('201 DeliveredToHandset')
  })

  it('sends and updates the card proactively until the final status', async () => {
    const { call } = await ask('send 0701234567 Hello from Teams')
    const cardId = `activity-${connector.calls.indexOf(call) + 1}`
    const message = await waitFor('the message', async () => {
      const page = await server.desk.messages.list(server.accountId, { recipient: '+46701234567' })
      const m = page.items[0]
      return m?.final ? m : undefined
    })
    const finalLine = `${message.status.code} ${message.status.name}`
    const update = await waitFor('a card update with the final status', () =>
      connector.calls.find(
        (c) =>
          c.kind === 'update' &&
          json(c.activity).includes(finalLine) &&
          json(c.activity).includes('Finished'),
      ),
    )
    expect(update.activityId).toBe(cardId)
    expect(update.conversationId).toBe(CONVERSATION)
  })

  it("posts an inbound SMS reply as a reply to the send's card", async () => {
    const { call } = await ask('send 0701239876 Coming tonight?')
    const cardId = `activity-${connector.calls.indexOf(call) + 1}`
    const account = await server.desk.accounts.get(server.accountId)
    const inbound = await fetch(`${server.url}/api/v1/simulator/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
      body: JSON.stringify({ from: '+46701239876', to: account.virtualNumbers[0], body: 'Yes, see you' }),
    })
    expect(inbound.status).toBe(200)
    const reply = await waitFor('the inbound SMS in the conversation', () =>
      connector.calls.find((c) => c.kind === 'reply' && json(c.activity).includes('Yes, see you')),
    )
    expect(reply.activityId).toBe(cardId)
    expect(reply.conversationId).toBe(CONVERSATION)
    expect(json(reply.activity)).toContain('+46701239876')
  })

  it("sends a reply to the send's card back as SMS, by replyToId or in the card's channel thread", async () => {
    const { call } = await ask('send 0701230011 Are you coming?')
    const cardId = `activity-${connector.calls.indexOf(call) + 1}`
    const original = await waitFor('the original SMS', async () => {
      const page = await server.desk.messages.list(server.accountId, { recipient: '+46701230011' })
      return page.items[0]
    })
    const repliesTo = async () =>
      (await server.desk.messages.list(server.accountId, { recipient: '+46701230011' })).items.filter(
        (m) => m.id !== original.id,
      )

    // A reply pointing at the card.
    let before = connector.calls.length
    expect((await postActivity(activity('See you at 10', { replyToId: cardId }))).status).toBe(200)
    const first = await waitFor('the reply as SMS', async () => (await repliesTo())[0])
    expect(first).toMatchObject({ body: 'See you at 10', sender: original.sender, source: 'teams' })
    const said = await waitFor('the note that it was sent', () =>
      connector.calls.slice(before).find((c) => json(c.activity).includes('+46701230011')),
    )
    expect(said.activity.attachments).toBeUndefined()

    // A message in the channel thread that the card starts.
    before = connector.calls.length
    const inThread = activity('Running late', {
      conversation: {
        id: `${CONVERSATION};messageid=${cardId}`,
        tenantId: TENANT,
        conversationType: 'channel',
      },
    })
    expect((await postActivity(inThread)).status).toBe(200)
    await waitFor('the second reply as SMS', async () => {
      const got = await repliesTo()
      return got.some((m) => m.body === 'Running late') ? got : undefined
    })

    // A reply to anything else is a command as usual, and sends nothing.
    const answer = await ask('balance', { replyToId: 'incoming-1' })
    expect(json(answer.card)).not.toContain('+46701230011')
    expect((await repliesTo()).map((m) => m.body).sort()).toEqual(['Running late', 'See you at 10'])
  })

  it('asks before a big send with card buttons, sends once on Send, and refuses a second click', async () => {
    const numbers = Array.from({ length: 11 }, (_, i) => `07045600${String(i).padStart(2, '0')}`)
    const { call, card } = await ask(`send ${numbers.join(',')} Big news`)
    const actions = card.actions as { type: string; data: { smsdesk: string; pendingId: string } }[]
    // Action.Execute where Teams has Universal Actions; this test clicks the Action.Submit fallback.
    expect(actions.map((a) => [a.type, a.data.smsdesk])).toEqual([
      ['Action.Execute', 'confirm_send'],
      ['Action.Execute', 'cancel_send'],
    ])
    expect(
      (await server.desk.messages.list(server.accountId, { recipient: '+46704560000' })).items,
    ).toHaveLength(0)
    const cardId = `activity-${connector.calls.indexOf(call) + 1}`
    const click = async (answer: (c: (typeof connector.calls)[number]) => boolean) => {
      const before = connector.calls.length
      const res = await postActivity(
        activity('', { text: undefined, entities: [], value: actions[0]?.data, replyToId: cardId }),
      )
      expect(res.status).toBe(200)
      return waitFor('the answer to the click', () => connector.calls.slice(before).find(answer))
    }
    // The first click turns the confirmation card itself into the live send card.
    const first = await click((c) => c.activityId === cardId)
    expect(first.kind).toBe('update')
    expect(first.activityId).toBe(cardId)
    expect(json(first.activity)).not.toContain('Action.Submit')
    expect(json(first.activity)).not.toContain('Action.Execute')
    expect(
      (await server.desk.messages.list(server.accountId, { recipient: '+46704560000' })).items,
    ).toHaveLength(1)
    // Earlier sends may still be updating their cards; the answer to this click is a new message.
    const second = await click((c) => c.kind !== 'update')
    expect(json(second.activity)).toContain('already used')
    expect(
      (await server.desk.messages.list(server.accountId, { recipient: '+46704560000' })).items,
    ).toHaveLength(1)
  })

  it('turns @mentions into people for grant, and names them in the answer', async () => {
    const { card } = await ask('grant <at>Bo</at> sender', {
      entities: [
        { type: 'mention', text: '<at>smsdesk</at>', mentioned: { id: BOT_ID, name: 'smsdesk' } },
        { type: 'mention', text: '<at>Bo</at>', mentioned: { id: '29:user-bo', name: 'Bo Berg' } },
      ],
    })
    expect(json(card)).toContain('Bo Berg now has the role sender')
    expect(await server.desk.chat.getMemberRole('teams', TENANT, '29:user-bo')).toBe('sender')
  })

  it('confirms a big send with Action.Execute once, answering with the refreshed card', async () => {
    const numbers = Array.from({ length: 11 }, (_, i) => `07045611${String(i).padStart(2, '0')}`)
    const { call, card } = await ask(`send ${numbers.join(',')} Universal`)
    const cardId = `activity-${connector.calls.indexOf(call) + 1}`
    const confirm = (card.actions as { verb: string; data: Record<string, unknown> }[])[0]
    expect(confirm?.verb).toBe('confirm_send')
    const execute = () =>
      postActivity(
        activity('', {
          type: 'invoke',
          name: 'adaptiveCard/action',
          text: undefined,
          entities: [],
          replyToId: cardId,
          value: {
            action: { type: 'Action.Execute', verb: confirm?.verb, data: confirm?.data },
            trigger: 'manual',
          },
        }),
      )
    const sent = async () =>
      (await server.desk.messages.list(server.accountId, { recipient: '+46704561100' })).items
    const first = await execute()
    expect(first.status).toBe(200)
    const answer = (await first.json()) as {
      statusCode: number
      type: string
      value: Record<string, unknown>
    }
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' })
    expect(answer.value).toMatchObject({ type: 'AdaptiveCard' })
    expect(json(answer.value)).not.toContain('Action.Execute')
    expect(await sent()).toHaveLength(1)
    // The clicked card keeps updating as the live card of the send.
    await waitFor('an update of the clicked card', () =>
      connector.calls.find((c) => c.kind === 'update' && c.activityId === cardId),
    )
    const second = await execute()
    expect(second.status).toBe(200)
    expect(json(await second.json())).toContain('already used')
    expect(await sent()).toHaveLength(1)
  })

  it('welcomes people with how to connect when it is added, and answers code and faq before linking', async () => {
    const conversation = { id: 'a:new-team', tenantId: 'tenant-unlinked', conversationType: 'channel' }
    const before = connector.calls.length
    const added = await postActivity({
      type: 'conversationUpdate',
      id: `update-${++activityNo}`,
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: USER },
      recipient: { id: BOT_ID, name: 'smsdesk' },
      conversation,
      channelData: { tenant: { id: 'tenant-unlinked' } },
      membersAdded: [{ id: BOT_ID }],
    })
    expect(added.status).toBe(200)
    const welcome = await waitFor('the welcome card', () =>
      connector.calls.slice(before).find((c) => c.conversationId === 'a:new-team'),
    )
    expect(json(cardOf(welcome.activity))).toContain('connect <api-nyckel>')

    const unlinked = { conversation, channelData: { tenant: { id: 'tenant-unlinked' } } }
    const answerIn = async (text: string) => {
      const from = connector.calls.length
      expect((await postActivity(activity(text, unlinked))).status).toBe(200)
      const call = await waitFor(`the answer to ${text}`, () =>
        connector.calls.slice(from).find((c) => c.conversationId === 'a:new-team'),
      )
      return json(cardOf(call.activity))
    }
    expect(await answerIn('code 503')).toContain('503')
    expect(await answerIn('faq leveransrapport')).not.toMatch(/inte kopplad/)
    expect(await answerIn('balance')).toMatch(/inte kopplad/)
  })

  it('posts nothing to a serviceUrl that is not loopback while unauthenticated', async () => {
    for (const serviceUrl of [
      'https://smba.trafficmanager.net/teams/',
      'http://127.0.0.1.attacker.example/',
      'http://10.0.0.1:8080/',
      'file:///etc/passwd',
    ]) {
      const res = await postActivity(activity('help', { serviceUrl, conversation: { id: 'a:elsewhere' } }))
      expect(res.status).toBe(403)
      expect(await res.text()).toBe('')
    }
    await new Promise((r) => setTimeout(r, 100))
    expect(connector.calls.filter((c) => c.conversationId === 'a:elsewhere')).toEqual([])
  })
})
