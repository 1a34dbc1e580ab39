/**
 * Slack end to end: signed requests over real HTTP to the server's /slack/events, with a local Slack Web API
 * stand-in and a local response_url receiver reading what the bot did.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buttonClickBody,
  messageEventBody,
  signed,
  slashCommandBody,
  startResponseUrlStandin,
  startSlackApiStandin,
  waitFor,
} from '@smsdesk/bot/testing'
import type { Desk } from '@smsdesk/core'
import { startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SECRET = 'slack-signing-secret-for-tests'
const TOKEN = 'xoxb-test-token'
const TEAM = 'T0TEST'
const CHANNEL = 'C0GENERAL'
const ADMIN = 'U0ADMIN'
const VIEWER = 'U0VIEWER'

let slackApi: Awaited<ReturnType<typeof startSlackApiStandin>>
let responses: Awaited<ReturnType<typeof startResponseUrlStandin>>
let server: BotServer
let apiKey: string
let requestNo = 0

interface BotServer {
  url: string
  desk: Desk
  accountId: string
  apiKey: string
  virtualNumber: string
  stop(): Promise<void>
}

/** The real server (E's `startServer`) on an ephemeral port and a throwaway SQLite file, with the simulator. */
async function startBotServer(env: Record<string, string>): Promise<BotServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-slack-'))
  const running = await startServer(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SIMULATOR_STEP_MS: '5', ...env },
    { announce: () => {} },
  )
  const boot = running.bootstrap
  if (!boot) throw new Error('expected a fresh database to be bootstrapped')
  // The demo account starts with 100 SEK; these tests send more than that.
  await running.desk.ledger.topUp(boot.accountId, 90_000)
  const account = await running.desk.accounts.get(boot.accountId)
  return {
    url: running.url,
    desk: running.desk,
    accountId: boot.accountId,
    apiKey: boot.apiKey,
    virtualNumber: account.virtualNumbers[0] ?? '',
    async stop() {
      await running.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

beforeAll(async () => {
  slackApi = await startSlackApiStandin({ token: TOKEN, teamId: TEAM })
  responses = await startResponseUrlStandin()
  server = await startBotServer({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
    BOT_UPDATE_INTERVAL_MS: '30',
  })
  apiKey = server.apiKey
})

afterAll(async () => {
  await server?.stop()
  await slackApi?.close()
  await responses?.close()
})

async function post(body: string, contentType: string, headers: Record<string, string> = {}) {
  const req = signed(SECRET, body, contentType)
  return fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: { ...req.headers, ...headers },
    body,
  })
}

/** Runs `/sms <text>` as `user` and returns the first thing posted to its response_url. */
async function slash(text: string, user = ADMIN) {
  const id = `cmd-${++requestNo}`
  const res = await post(
    slashCommandBody({
      text,
      teamId: TEAM,
      userId: user,
      channelId: CHANNEL,
      responseUrl: responses.urlFor(id),
    }),
    'application/x-www-form-urlencoded',
  )
  expect(res.status).toBe(200)
  return { id, res }
}

const firstResponse = (id: string) =>
  waitFor(`a response_url message for ${id}`, () => responses.messagesFor(id)[0]?.body)

const textOf = (message: Record<string, unknown>) => JSON.stringify(message)

describe('Slack', () => {
  it('answers the url_verification challenge', async () => {
    const res = await post(
      JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }),
      'application/json',
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ challenge: 'abc123' })
  })

  it('tells an unlinked workspace, in one sentence, how to connect', async () => {
    const { id, res } = await slash('balance')
    expect(await res.text()).toBe('')
    const answer = await firstResponse(id)
    expect(answer.response_type).toBe('ephemeral')
    expect(answer.text).toMatch(/connect <api-nyckel>/)
  })

  it('answers code and faq before the workspace is linked', async () => {
    const code = await firstResponse((await slash('code 503')).id)
    expect(textOf(code)).toContain('503')
    expect(textOf(code)).not.toMatch(/connect <api-nyckel>/)
    const faq = await firstResponse((await slash('faq leveransrapport')).id)
    expect(textOf(faq)).not.toMatch(/connect <api-nyckel>/)
    expect(await server.desk.chat.getWorkspace('slack', TEAM)).toBeNull()
  })

  it('connects with an API key, privately, never echoing the key', async () => {
    const { id } = await slash(`connect ${apiKey}`)
    const answer = await firstResponse(id)
    expect(answer.response_type).toBe('ephemeral')
    expect(textOf(answer)).toContain('Kopplad')
    expect(textOf(answer)).not.toContain(apiKey)
    const balance = await firstResponse((await slash('balance')).id)
    expect(textOf(balance)).toContain('1000,00 SEK')
    const lang = await firstResponse((await slash('lang en')).id)
    expect(textOf(lang)).toContain('English')
  })

  it('sends, posts ONE channel message and updates it per recipient until the final codes', async () => {
    const before = slackApi.callsTo('chat.postMessage').length
    // The simulator delivers the first number and gives up on the second (ends in 502: SubscriberUnreachable).
    const { id } = await slash('send 0701234567,0701234502 Hello from Slack')
    const post = await waitFor(
      'the send message in the channel',
      () => slackApi.callsTo('chat.postMessage')[before],
    )
    expect(post.args.channel).toBe(CHANNEL)
    expect(post.args.thread_ts).toBeUndefined()
    expect(responses.messagesFor(id)).toEqual([])
    const page = await server.desk.messages.list(server.accountId, { recipient: '+46701234502' })
    const batchId = page.items[0]?.batchId ?? ''
    expect(page.items[0]?.body).toBe('Hello from Slack')
    // The thread is recorded once chat.postMessage has answered, a moment after the stand-in saw the call.
    const thread = await waitFor(
      'the thread of the send',
      async () => (await server.desk.chat.threadsForBatch(batchId))[0],
    )
    expect(thread).toMatchObject({ platform: 'slack', channel: CHANNEL })

    const last = await waitFor('a chat.update with the outcome', () =>
      slackApi
        .callsTo('chat.update')
        .find((c) => c.args.ts === thread?.messageRef && textOf(c.args).includes('Finished')),
    )
    const text = String(last.args.text)
    expect(text).toContain('+46701234567 · 201 DeliveredToHandset')
    expect(text).toContain('+46701234502 · 502 SubscriberUnreachable')
    expect(text).toContain('1 delivered or done, 1 not delivered')
    const summary = await server.desk.messages.batchSummary(server.accountId, batchId)
    expect(summary.final).toBe(true)
    // Exactly one message was posted in the channel for the send; everything after was an update of it.
    expect(
      slackApi
        .callsTo('chat.postMessage')
        .slice(before)
        .filter((c) => !c.args.thread_ts),
    ).toHaveLength(1)
    expect(
      slackApi.callsTo('chat.update').filter((c) => c.args.ts === thread?.messageRef).length,
    ).toBeGreaterThan(0)
  })

  it('asks before a send to more than 10 recipients, sends once on Send, and ignores a second click', async () => {
    const numbers = Array.from({ length: 11 }, (_, i) => `07012300${String(i).padStart(2, '0')}`)
    const balanceBefore = await server.desk.ledger.balance(server.accountId)
    const { id } = await slash(`send ${numbers.join(',')} Big news`)
    const ask = await firstResponse(id)
    expect(ask.response_type).toBe('ephemeral')
    const blocks = ask.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    const buttons = blocks.find((b) => b.type === 'actions')?.elements ?? []
    expect(buttons.map((b) => b.action_id)).toEqual(['confirm_send', 'cancel_send'])
    expect(await server.desk.ledger.balance(server.accountId)).toEqual(balanceBefore)
    expect(
      (await server.desk.messages.list(server.accountId, { recipient: '+46701230000' })).items,
    ).toHaveLength(0)

    const click = async (n: number) => {
      const clickId = `click-${n}`
      const res = await post(
        buttonClickBody({
          teamId: TEAM,
          userId: ADMIN,
          channelId: CHANNEL,
          responseUrl: responses.urlFor(clickId),
          actionId: 'confirm_send',
          value: buttons[0]?.value ?? '',
        }),
        'application/x-www-form-urlencoded',
      )
      expect(res.status).toBe(200)
      return firstResponse(clickId)
    }
    const postsBefore = slackApi.callsTo('chat.postMessage').length
    expect(await click(1)).toEqual({ delete_original: true })
    await waitFor('the send message', () => slackApi.callsTo('chat.postMessage')[postsBefore])
    expect(
      (await server.desk.messages.list(server.accountId, { recipient: '+46701230000' })).items,
    ).toHaveLength(1)

    const second = await click(2)
    expect(textOf(second)).toContain('already used')
    expect(
      (await server.desk.messages.list(server.accountId, { recipient: '+46701230000' })).items,
    ).toHaveLength(1)
    expect(slackApi.callsTo('chat.postMessage').length).toBe(postsBefore + 1)
    // Large sends show counts per status rather than every recipient, ending with the outcome.
    const batchId = (await server.desk.messages.list(server.accountId, { recipient: '+46701230000' }))
      .items[0]?.batchId
    const [thread] = await server.desk.chat.threadsForBatch(batchId ?? '')
    const last = await waitFor('the final update of the big send', () =>
      slackApi
        .callsTo('chat.update')
        .find((c) => c.args.ts === thread?.messageRef && textOf(c.args).includes('Finished')),
    )
    const counts = [...String(last.args.text).matchAll(/\d{3} \w+: (\d+)/g)].map((m) => Number(m[1]))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(11)
    expect(textOf(last.args)).not.toContain('+46701230000')
  })

  it('still sends in a channel it was not invited to, and says how to get live updates', async () => {
    const id = `cmd-${++requestNo}`
    const body = slashCommandBody({
      text: 'send 0701112233 Outside',
      teamId: TEAM,
      userId: ADMIN,
      channelId: 'CNOTINVITED',
      responseUrl: responses.urlFor(id),
    })
    expect((await post(body, 'application/x-www-form-urlencoded')).status).toBe(200)
    const answer = await firstResponse(id)
    expect(answer.response_type).toBe('in_channel')
    expect(textOf(answer)).toContain('/invite @smsdesk')
    expect(
      (await server.desk.messages.list(server.accountId, { recipient: '+46701112233' })).items,
    ).toHaveLength(1)
  })

  it('lets viewers look up but not send', async () => {
    const { id } = await slash('send 0701234567 not allowed', VIEWER)
    expect(textOf(await firstResponse(id))).toContain('viewer')
    const status = await firstResponse((await slash('status 0701234567', VIEWER)).id)
    expect(textOf(status)).toContain('+46701234567')
  })

  it('sends a thread reply as SMS, and posts an inbound reply into the thread', async () => {
    const before = slackApi.callsTo('chat.postMessage').length
    await slash('send 0709998877 Are you coming?')
    const anchor = await waitFor('the send message', () => slackApi.callsTo('chat.postMessage')[before])
    const anchorTs = await waitFor('its ts', async () => {
      const threads = await server.desk.messages.list(server.accountId, { recipient: '+46709998877' })
      const batchId = threads.items[0]?.batchId
      return batchId ? (await server.desk.chat.threadsForBatch(batchId))[0]?.messageRef : undefined
    })
    expect(anchor.args.channel).toBe(CHANNEL)

    const inboundBefore = slackApi.callsTo('chat.postMessage').length
    await server.desk.inbound.receive({
      from: '+46709998877',
      to: server.virtualNumber,
      body: 'Yes, at 10',
      at: new Date(),
    })
    const inThread = await waitFor('the inbound SMS in the thread', () =>
      slackApi
        .callsTo('chat.postMessage')
        .slice(inboundBefore)
        .find((c) => c.args.thread_ts === anchorTs),
    )
    expect(textOf(inThread.args)).toContain('Yes, at 10')

    const res = await post(
      messageEventBody({
        teamId: TEAM,
        userId: ADMIN,
        channelId: CHANNEL,
        text: 'Great, see you',
        ts: `${Math.floor(Date.now() / 1000)}.000900`,
        threadTs: anchorTs,
      }),
      'application/json',
    )
    expect(res.status).toBe(200)
    const sent = await waitFor('the reply as SMS', async () => {
      const page = await server.desk.messages.list(server.accountId, { recipient: '+46709998877' })
      return page.items.find((m) => m.body === 'Great, see you')
    })
    expect(sent.sender).toBe(server.virtualNumber)
    await waitFor('a note in the thread', () =>
      slackApi
        .callsTo('chat.postMessage')
        .some(
          (c) =>
            c.args.thread_ts === anchorTs &&
            textOf(c.args).includes('+46709998877') &&
            textOf(c.args).includes('SMS'),
        ),
    )
  })

  it('rejects forged, stale and replayed requests with 401 and does nothing', async () => {
    const callsBefore = slackApi.calls.length
    const messagesBefore = responses.messages.length
    const body = slashCommandBody({
      text: 'send 0701234567 forged',
      teamId: TEAM,
      userId: ADMIN,
      channelId: CHANNEL,
      responseUrl: responses.urlFor('forged'),
    })
    const url = `${server.url}/slack/events`
    const form = 'application/x-www-form-urlencoded'
    const forged = signed('not-the-secret', body, form)
    expect((await fetch(url, { method: 'POST', headers: forged.headers, body })).status).toBe(401)
    const stale = signed(SECRET, body, form, Math.floor(Date.now() / 1000) - 6 * 60)
    expect((await fetch(url, { method: 'POST', headers: stale.headers, body })).status).toBe(401)
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': form }, body })
    expect(unsigned.status).toBe(401)
    expect(await unsigned.text()).toBe('')

    const good = signed(
      SECRET,
      slashCommandBody({
        text: 'help',
        teamId: TEAM,
        userId: ADMIN,
        channelId: CHANNEL,
        responseUrl: responses.urlFor('replay'),
      }),
      form,
    )
    const goodBody = good.body
    expect((await fetch(url, { method: 'POST', headers: good.headers, body: goodBody })).status).toBe(200)
    expect((await fetch(url, { method: 'POST', headers: good.headers, body: goodBody })).status).toBe(401)
    await waitFor('the one genuine answer', () => responses.messagesFor('replay')[0])
    await new Promise((r) => setTimeout(r, 200))
    expect(responses.messagesFor('replay')).toHaveLength(1)
    expect(responses.messagesFor('forged')).toHaveLength(0)
    expect(responses.messages.length).toBe(messagesBefore + 1)
    expect(slackApi.calls.slice(callsBefore).filter((c) => textOf(c.args).includes('forged'))).toEqual([])
    const page = await server.desk.messages.list(server.accountId, { recipient: '+46701234567' })
    expect(page.items.some((m) => m.body === 'forged')).toBe(false)
  })
})
