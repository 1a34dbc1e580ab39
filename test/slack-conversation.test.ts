/**
 * Slack around a send: a STOP from the number is told in the send's thread, number look-ups page through SMS both
 * ways with the blocklist state, FAQ answers come in full with a link, final codes have their own marks, a retried
 * event is not run twice.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buttonClickBody,
  messageEventBody,
  shortcutBody,
  signed,
  slashCommandBody,
  startResponseUrlStandin,
  startSlackApiStandin,
  viewSubmissionBody,
  waitFor,
} from '@smsdesk/bot/testing'
import type { Desk } from '@smsdesk/core'
import { startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SECRET = 'slack-signing-secret-for-tests'
const TOKEN = 'xoxb-test-token'
const TEAM = 'T0CONV'
const CHANNEL = 'C0GENERAL'
const ADMIN = 'U0ADMIN'
const PUBLIC_URL = 'https://sms.example.com'

let slackApi: Awaited<ReturnType<typeof startSlackApiStandin>>
let responses: Awaited<ReturnType<typeof startResponseUrlStandin>>
let desk: Desk
let accountId: string
let virtualNumber: string
let url: string
let stop: () => Promise<void>
let requestNo = 0

beforeAll(async () => {
  slackApi = await startSlackApiStandin({ token: TOKEN, teamId: TEAM })
  responses = await startResponseUrlStandin()
  const dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-slack-conv-'))
  const running = await startServer(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SIMULATOR_STEP_MS: '5',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
      BOT_UPDATE_INTERVAL_MS: '30',
      PUBLIC_URL,
    },
    { announce: () => {} },
  )
  const boot = running.bootstrap
  if (!boot) throw new Error('expected a fresh database to be bootstrapped')
  desk = running.desk
  accountId = boot.accountId
  url = running.url
  virtualNumber = (await desk.accounts.get(accountId)).virtualNumbers[0] ?? ''
  stop = async () => {
    await running.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
  await slash(`connect ${boot.apiKey}`)
  await slash('lang en')
})

afterAll(async () => {
  await stop?.()
  await slackApi?.close()
  await responses?.close()
})

async function post(body: string, contentType: string, headers: Record<string, string> = {}, at?: number) {
  const req = signed(SECRET, body, contentType, at)
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: { ...req.headers, ...headers },
    body,
  })
  expect(res.status).toBe(200)
}

/** Runs `/sms <text>`; returns the id its response_url answers under. */
async function command(text: string) {
  const id = `cmd-${++requestNo}`
  const body = slashCommandBody({
    text,
    teamId: TEAM,
    userId: ADMIN,
    channelId: CHANNEL,
    responseUrl: responses.urlFor(id),
  })
  await post(body, 'application/x-www-form-urlencoded')
  return id
}

/** Runs `/sms <text>` and returns the first message posted to its response_url. */
async function slash(text: string) {
  const id = await command(text)
  return waitFor(`the answer to ${text}`, () => responses.messagesFor(id)[0]?.body)
}

async function click(actionId: string, value: string) {
  const id = `click-${++requestNo}`
  const body = buttonClickBody({
    teamId: TEAM,
    userId: ADMIN,
    channelId: CHANNEL,
    responseUrl: responses.urlFor(id),
    actionId,
    value,
  })
  await post(body, 'application/x-www-form-urlencoded')
  return waitFor(`the answer to ${actionId}`, () => responses.messagesFor(id)[0]?.body)
}

const textOf = (value: unknown) => JSON.stringify(value)
type Blocks = { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]
const buttonsOf = (message: Record<string, unknown>) =>
  (message.blocks as Blocks).find((b) => b.type === 'actions')?.elements ?? []

/** Sends `text` to `number` from chat and returns the ts of the send's channel message. */
async function sendFromChat(number: string, text: string): Promise<string> {
  await command(`send ${number} ${text}`)
  return waitFor('the thread of the send', async () => {
    const page = await desk.messages.list(accountId, { recipient: number.split(',')[0] ?? '' })
    const batchId = page.items[0]?.batchId
    return batchId ? (await desk.chat.threadsForBatch(batchId))[0]?.messageRef : undefined
  })
}

describe('Slack conversations', () => {
  it('tells the thread when the number answers STOP, and a later send says it is blocklisted in words', async () => {
    const ts = await sendFromChat('+46701238001', 'Sale today')
    await desk.inbound.receive({ from: '+46701238001', to: virtualNumber, body: 'STOP', at: new Date() })
    const note = await waitFor('the STOP note in the thread', () =>
      slackApi
        .callsTo('chat.postMessage')
        .find((c) => c.args.thread_ts === ts && textOf(c.args).includes('STOP')),
    )
    expect(note.args.text).toBe(
      '+46701238001 answered STOP and is blocklisted; no more SMS go to this number.',
    )

    const refused = await slash('send 0701238001 One more')
    expect(textOf(refused)).toContain('405 RecipientRejected — blocklisted (replied STOP')
    expect(textOf(refused)).toContain('no SMS go to this number')
  })

  it('pages through every SMS to and from a number with its blocklist state, and opens a message by button', async () => {
    const number = '+46701238002'
    for (let i = 1; i <= 6; i++)
      await desk.messages.send(accountId, { sender: 'Shop', recipients: [number], body: `Offer ${i}` })
    await desk.inbound.receive({ from: number, to: virtualNumber, body: 'Thanks!', at: new Date() })
    await desk.blocklist.add(accountId, number)

    const first = await slash(`status ${number}`)
    expect(textOf(first)).toContain(`Messages to and from ${number}`)
    expect(textOf(first)).toContain('blocklisted: added by hand')
    expect(textOf(first)).toContain('SMS from the number')
    expect(textOf(first)).toContain('Thanks!')
    const buttons = buttonsOf(first)
    const more = buttons.find((b) => b.value === `status ${number} more 2`)
    expect(more?.text.text).toBe('More')
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(buttons.length)

    const second = await click(more?.action_id ?? '', more?.value ?? '')
    expect(textOf(second)).toContain('Page 2')
    expect(textOf(second)).toContain('Offer 1')
    expect(textOf(second)).not.toContain('Thanks!')

    const history = buttons.find((b) => b.value.startsWith('status msg_'))
    const opened = await click(history?.action_id ?? '', history?.value ?? '')
    expect(textOf(opened)).toContain(`Message ${history?.value.slice('status '.length)}`)
    expect(textOf(opened)).toContain('101 Accepted')
  })

  it('answers faq with the best article in full and a link to its page', async () => {
    const answer = await slash('faq forgot password')
    expect(textOf(answer)).toContain('I forgot my password')
    expect(textOf(answer)).toContain('10 characters')
    expect(textOf(answer)).toContain(`${PUBLIC_URL}/help/en/forgot-password`)
    const page = await fetch(`${url}/help/en/forgot-password`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html lang="en">')
  })

  it('marks expired and unknown outcomes with their own icons and words, not a delivery tick', async () => {
    const ts = await sendFromChat('0701238202,0701238599', 'Icons')
    const last = await waitFor('the final update', () =>
      slackApi.callsTo('chat.update').find((c) => c.args.ts === ts && textOf(c.args).includes('Finished')),
    )
    const text = String(last.args.text)
    expect(text).toContain('⌛ +46701238202 · 202 Expired — expired')
    expect(text).toContain('❔ +46701238599 · 599 Unknown — sent, but no delivery report came back')
    expect(text).not.toContain('✅ +46701238202')
  }, 20_000)

  it('posts the acknowledgement of a thread reply once when Slack retries the event', async () => {
    const ts = await sendFromChat('+46701238003', 'Coming?')
    const body = messageEventBody({
      teamId: TEAM,
      userId: ADMIN,
      channelId: CHANNEL,
      text: 'See you',
      ts: `${Math.floor(Date.now() / 1000)}.000777`,
      threadTs: ts,
    })
    await post(body, 'application/json')
    await post(
      body,
      'application/json',
      { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      Math.floor(Date.now() / 1000) + 1,
    )
    const acks = () =>
      slackApi
        .callsTo('chat.postMessage')
        .filter((c) => c.args.thread_ts === ts && textOf(c.args).includes('Sent as SMS'))
    await waitFor('the acknowledgement', () => acks()[0])
    await new Promise((r) => setTimeout(r, 300))
    expect(acks()).toHaveLength(1)
    const replies = (await desk.messages.list(accountId, { recipient: '+46701238003' })).items
    expect(replies.filter((m) => m.body === 'See you')).toHaveLength(1)
  })

  it('opens the compose modal for /sms alone and the shortcut, and sends its submission like the typed command', async () => {
    const opens = () => slackApi.callsTo('views.open').length
    const before = opens()
    await command('')
    const modal = await waitFor('the modal', () => slackApi.callsTo('views.open')[before])
    const view = modal.args.view as {
      callback_id: string
      private_metadata: string
      blocks: { block_id: string }[]
    }
    expect(view.callback_id).toBe('smsdesk_compose')
    expect(view.blocks.map((b) => b.block_id)).toEqual(['recipients', 'text', 'sendAt'])
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: CHANNEL })
    await post(
      shortcutBody({ teamId: TEAM, userId: ADMIN, callbackId: 'smsdesk_compose' }),
      'application/x-www-form-urlencoded',
    )
    await waitFor('the shortcut modal', () => slackApi.callsTo('views.open')[before + 1])

    // A field left empty is an error on the form, nothing sent.
    const submit = (values: Record<string, string>) =>
      signed(
        SECRET,
        viewSubmissionBody({
          teamId: TEAM,
          userId: ADMIN,
          callbackId: 'smsdesk_compose',
          values,
          privateMetadata: view.private_metadata,
        }),
        'application/x-www-form-urlencoded',
      )
    const empty = submit({ recipients: '0701238004', text: '' })
    const refused = await fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: empty.headers,
      body: empty.body,
    })
    expect(await refused.json()).toMatchObject({
      response_action: 'errors',
      errors: { text: expect.any(String) },
    })
    const badTime = submit({ recipients: '0701238004', text: 'Hi', sendAt: 'tomorrowish' })
    const late = await fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: badTime.headers,
      body: badTime.body,
    })
    expect(await late.json()).toMatchObject({
      response_action: 'errors',
      errors: { sendAt: expect.stringContaining('tomorrowish') },
    })

    const posts = slackApi.callsTo('chat.postMessage').length
    const asksBefore = slackApi.callsTo('chat.postEphemeral').length
    const stockholm = (at: Date) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Stockholm',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(at)
    const day = stockholm(new Date(Date.now() + 2 * 86_400_000)).slice(0, 10)
    const good = submit({ recipients: '0701238004', text: 'From the form', sendAt: `${day} 09:30` })
    const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: good.headers, body: good.body })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    // A scheduled send asks first, as the typed command does, with its absolute time.
    const ask = await waitFor('the confirmation', () => slackApi.callsTo('chat.postEphemeral')[asksBefore])
    expect(ask.args).toMatchObject({ channel: CHANNEL, user: ADMIN })
    expect(textOf(ask.args)).toContain(`${day} 09:30`)
    expect((await desk.messages.list(accountId, { recipient: '+46701238004' })).items).toHaveLength(0)
    const confirm = (ask.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .find((b) => b.type === 'actions')
      ?.elements?.find((e) => e.action_id === 'confirm_send')
    expect(confirm).toBeDefined()
    await click('confirm_send', confirm?.value ?? '')
    const sent = await waitFor(
      'the SMS from the form',
      async () => (await desk.messages.list(accountId, { recipient: '+46701238004' })).items[0],
    )
    expect(sent).toMatchObject({ body: 'From the form', source: 'slack' })
    // Read as Stockholm wall-clock time (the workspace's zone).
    expect(stockholm(sent.sendAt)).toBe(`${day} 09:30`)
    const live = await waitFor(
      'the live send message in the channel',
      () => slackApi.callsTo('chat.postMessage')[posts],
    )
    expect(live.args.channel).toBe(CHANNEL)
  })

  it('asks for confirmation of a big send from the form, ephemerally in the channel', async () => {
    const numbers = Array.from({ length: 11 }, (_, i) => `07012381${String(i).padStart(2, '0')}`)
    const before = slackApi.callsTo('chat.postEphemeral').length
    const good = signed(
      SECRET,
      viewSubmissionBody({
        teamId: TEAM,
        userId: ADMIN,
        callbackId: 'smsdesk_compose',
        values: { recipients: numbers.join('\n'), text: 'Big form news' },
        privateMetadata: JSON.stringify({ channel: CHANNEL }),
      }),
      'application/x-www-form-urlencoded',
    )
    await fetch(`${url}/slack/events`, { method: 'POST', headers: good.headers, body: good.body })
    const ask = await waitFor('the confirmation', () => slackApi.callsTo('chat.postEphemeral')[before])
    expect(ask.args).toMatchObject({ channel: CHANNEL, user: ADMIN })
    expect(textOf(ask.args)).toContain('confirm_send')
    expect((await desk.messages.list(accountId, { recipient: '+46701238100' })).items).toHaveLength(0)
  })

  it('answers a command in a send thread when it opens with the bot mention, and sends nothing', async () => {
    const ts = await sendFromChat('+46701238005', 'Hello there')
    const before = slackApi.callsTo('chat.postEphemeral').length
    const body = messageEventBody({
      teamId: TEAM,
      userId: ADMIN,
      channelId: CHANNEL,
      text: `<@${slackApi.botUserId}> balance`,
      ts: `${Math.floor(Date.now() / 1000)}.000888`,
      threadTs: ts,
    })
    await post(body, 'application/json')
    const answer = await waitFor(
      'the private answer in the thread',
      () => slackApi.callsTo('chat.postEphemeral')[before],
    )
    expect(answer.args).toMatchObject({ channel: CHANNEL, user: ADMIN, thread_ts: ts })
    expect(textOf(answer.args)).toContain('Balance')
    const sent = (await desk.messages.list(accountId, { recipient: '+46701238005' })).items
    expect(sent.map((m) => m.body)).toEqual(['Hello there'])
  })
})
