/**
 * Widget support in Slack, end to end over the real server: a question lands in the support channel with the
 * searches and the account hint, a signed thread reply reaches the customer live (a `#note` never does),
 * Resolve updates the channel message, and with the widget closed a reply becomes an SMS from the provider's account.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buttonClickBody,
  messageEventBody,
  signed,
  startSlackApiStandin,
  waitFor,
} from '@smsdesk/bot/testing'
import { type RunningServer, startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SECRET = 'slack-signing-secret-for-tests'
const TOKEN = 'xoxb-test-token'
const TEAM = 'T0SUPPORT'
const CHANNEL = 'C0SUPPORTQ'
const HEADER = 'X-Conversation-Token'

let slackApi: Awaited<ReturnType<typeof startSlackApiStandin>>
let running: RunningServer
let dataDir: string
let customer: { id: string; customerNumber: string }

beforeAll(async () => {
  slackApi = await startSlackApiStandin({ token: TOKEN, teamId: TEAM })
  dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-slack-support-chat-'))
  running = await startServer(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SIMULATOR_STEP_MS: '5',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
      SUPPORT_ENABLED: '1',
      SUPPORT_CHANNEL: CHANNEL,
      // The demo account made at start-up is the first, so it has the first customer number.
      SUPPORT_SMS_ACCOUNT: '100001',
    },
    { announce: () => {} },
  )
  customer = await running.desk.operator.accounts.create({ name: 'Beta Bygg AB' })
})

afterAll(async () => {
  await running?.stop()
  await rm(dataDir, { recursive: true, force: true })
  await slackApi?.close()
})

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

async function channelPost(conversationId: string) {
  await waitFor(
    'the thread link',
    async () => (await running.desk.support.get(conversationId)).conversation.thread ?? undefined,
    5_000,
  )
  const { conversation } = await running.desk.support.get(conversationId)
  const call = slackApi
    .callsTo('chat.postMessage')
    .find(
      (c) =>
        c.args.channel === CHANNEL && !c.args.thread_ts && JSON.stringify(c.args).includes(conversation.name),
    )
  return { call: call!, ts: conversation.thread!.ts }
}

async function staffWrites(text: string, threadTs: string, user = 'U0AGENT') {
  const body = messageEventBody({
    teamId: TEAM,
    userId: user,
    channelId: CHANNEL,
    text,
    ts: `${Date.now() / 1000}`,
    threadTs,
  })
  const req = signed(SECRET, body, 'application/json')
  const res = await fetch(`${running.url}/slack/events`, { method: 'POST', headers: req.headers, body })
  expect(res.status).toBe(200)
}

async function messagesOf(
  token: string,
): Promise<{ author: string; text: string; staffName: string | null }[]> {
  const res = await fetch(`${running.url}/api/v1/support/conversation`, { headers: { [HEADER]: token } })
  return ((await res.json()) as { messages: { author: string; text: string; staffName: string | null }[] })
    .messages
}

describe('widget support in Slack', () => {
  it('posts the question with the searches and the account, and a thread reply reaches the open stream', async () => {
    const { conversationId, token } = await ask()
    const { call, ts } = await channelPost(conversationId)
    const posted = JSON.stringify(call.args)
    expect(posted).toContain('Hur skickar jag till amerikanska nummer?')
    expect(posted).toContain('amerikanska nummer')
    expect(posted).toContain('+1-nummer')
    expect(posted).toContain(`account ${customer.customerNumber}`)
    expect(posted).toContain('https://shop.example/hjalp')

    const stream = await fetch(`${running.url}/api/v1/support/conversation/events`, {
      headers: { [HEADER]: token },
    })
    const reader = stream.body!.getReader()
    const decoder = new TextDecoder()
    let seen = ''
    const readUntil = async (needle: string) => {
      while (!seen.includes(needle)) seen += decoder.decode((await reader.read()).value)
    }
    await readUntil('event: ready')
    await staffWrites('#note kolla kampanjen först', ts)
    await staffWrites('Hej Anna! Nordamerika kräver en kampanj.', ts)
    await readUntil('Nordamerika kräver')
    expect(seen).not.toContain('kolla kampanjen')
    await reader.cancel()

    const messages = await messagesOf(token)
    expect(messages.map((m) => m.author)).toEqual(['customer', 'staff'])
    expect(messages[1]).toMatchObject({ staffName: 'Staff U0AGENT' })
    const { messages: all } = await running.desk.support.get(conversationId)
    expect(all.filter((m) => m.internal).map((m) => m.text)).toEqual(['#note kolla kampanjen först'])
  })

  it('Resolve updates the channel message with the status and who answered', async () => {
    const { conversationId } = await ask()
    const { ts } = await channelPost(conversationId)
    await staffWrites('Det ordnar sig.', ts, 'U0SARA')
    const body = buttonClickBody({
      teamId: TEAM,
      userId: 'U0SARA',
      channelId: CHANNEL,
      responseUrl: 'http://127.0.0.1:9/unused',
      actionId: 'support_resolve',
      value: conversationId,
    })
    const req = signed(SECRET, body, 'application/x-www-form-urlencoded')
    expect(
      (await fetch(`${running.url}/slack/events`, { method: 'POST', headers: req.headers, body })).status,
    ).toBe(200)
    const update = await waitFor('the resolved channel message', () =>
      slackApi
        .callsTo('chat.update')
        .find((c) => c.args.ts === ts && JSON.stringify(c.args).includes('löst')),
    )
    expect(JSON.stringify(update.args)).toContain('Staff U0SARA')
    expect((await running.desk.support.get(conversationId)).conversation.status).toBe('resolved')
  })

  it('with the widget closed, texts the reply from the provider account: charged and in its history', async () => {
    const provider = await running.desk.operator.accounts.find('100001')
    const before = await running.desk.ledger.balance(provider.id)
    const { conversationId } = await ask({ mobile: '070-123 45 99', smsConsent: true })
    const { ts } = await channelPost(conversationId)
    await staffWrites('Vi har ordnat det åt dig.', ts)
    const sms = await waitFor('the SMS reply', async () => {
      const page = await running.desk.messages.list(provider.id, { recipient: '+46701234599' })
      return page.items[0]
    })
    expect(sms.body).toContain('Vi har ordnat det åt dig.')
    expect(sms.body).toContain('https://shop.example/hjalp')
    expect((await running.desk.ledger.balance(provider.id)).amount).toBeLessThan(before.amount)
  })
})
