/** Slack end to end: a scheduled send confirmed with its absolute time, cancel with refund, a template send. */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buttonClickBody,
  signed,
  slashCommandBody,
  startResponseUrlStandin,
  startSlackApiStandin,
  waitFor,
} from '@smsdesk/bot/testing'
import { startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SECRET = 'slack-signing-secret-for-tests'
const TOKEN = 'xoxb-test-token'
const TEAM = 'T0COMPOSE'
const CHANNEL = 'C0GENERAL'
const ADMIN = 'U0ADMIN'

let slackApi: Awaited<ReturnType<typeof startSlackApiStandin>>
let responses: Awaited<ReturnType<typeof startResponseUrlStandin>>
let running: Awaited<ReturnType<typeof startServer>>
let dataDir: string
let accountId: string
let requestNo = 0

beforeAll(async () => {
  slackApi = await startSlackApiStandin({ token: TOKEN, teamId: TEAM })
  responses = await startResponseUrlStandin()
  dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-slack-compose-'))
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
      BOT_UPDATE_INTERVAL_MS: '30',
    },
    { announce: () => {} },
  )
  accountId = running.bootstrap?.accountId ?? ''
  await answerTo(`connect ${running.bootstrap?.apiKey}`)
  await answerTo('lang en')
})

afterAll(async () => {
  await running?.stop()
  await slackApi?.close()
  await responses?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

async function post(body: string) {
  const req = signed(SECRET, body, 'application/x-www-form-urlencoded')
  const res = await fetch(`${running.url}/slack/events`, { method: 'POST', headers: req.headers, body })
  expect(res.status).toBe(200)
}

/** Runs `/sms <text>` and returns the first message posted to its response_url. */
async function answerTo(text: string) {
  const id = `cmd-${++requestNo}`
  await post(
    slashCommandBody({
      text,
      teamId: TEAM,
      userId: ADMIN,
      channelId: CHANNEL,
      responseUrl: responses.urlFor(id),
    }),
  )
  return waitFor(`the answer to ${text}`, () => responses.messagesFor(id)[0]?.body)
}

/** Clicks Send on a confirmation and returns the channel message the send posted. */
async function confirm(ask: Record<string, unknown>) {
  const blocks = ask.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
  const send = blocks.find((b) => b.type === 'actions')?.elements?.[0]
  expect(send?.action_id).toBe('confirm_send')
  const before = slackApi.callsTo('chat.postMessage').length
  const id = `click-${++requestNo}`
  await post(
    buttonClickBody({
      teamId: TEAM,
      userId: ADMIN,
      channelId: CHANNEL,
      responseUrl: responses.urlFor(id),
      actionId: 'confirm_send',
      value: send?.value ?? '',
    }),
  )
  return waitFor('the send message', () => slackApi.callsTo('chat.postMessage')[before])
}

const text = (value: unknown) => JSON.stringify(value)

/** A day some weeks ahead, as people write it and as the bot shows it (Stockholm time). */
const stockholm = (date: Date, style: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', ...style }).format(date)
const DAY = stockholm(new Date(Date.now() + 20 * 86_400_000), { dateStyle: 'short' })
const NEXT_DAY = stockholm(new Date(Date.now() + 21 * 86_400_000), { dateStyle: 'short' })
const shown = (date: Date | undefined) =>
  date ? stockholm(date, { dateStyle: 'short', timeStyle: 'medium' }) : ''

describe('Slack: schedule, cancel, templates', () => {
  it('confirms a scheduled send with its absolute time, books it for then, and cancels it with the refund', async () => {
    const balance = await running.desk.ledger.balance(accountId)
    const ask = await answerTo(`send +46 70 123 45 68 at ${DAY} 09:00 valid 24h Merry Christmas`)
    expect(text(ask)).toContain(`${DAY} 09:00:00 (Europe/Stockholm)`)
    expect(text(ask)).toContain('24 hours')
    expect(text(ask)).toContain('Merry Christmas')
    const posted = await confirm(ask)
    expect(text(posted.args)).toContain('Scheduled to 1 recipient')
    expect(text(posted.args)).toContain(`${DAY} 09:00:00`)
    const [message] = (await running.desk.messages.list(accountId, { recipient: '+46701234568' })).items
    expect(shown(message?.sendAt)).toBe(`${DAY} 09:00:00`)
    expect(shown(message?.validUntil)).toBe(`${NEXT_DAY} 09:00:00`)

    const canceled = await answerTo(`avbryt ${message?.id}`)
    expect(text(canceled)).toContain('1 SMS was stopped (203 Canceled)')
    expect(text(canceled)).toMatch(/\d+,\d\d SEK went back to the balance|\d+\.\d\d SEK went back/)
    expect(await running.desk.ledger.balance(accountId)).toEqual(balance)
    expect((await running.desk.messages.get(accountId, message?.id ?? '')).status.code).toBe(203)
  })

  it('sends a template filled per recipient with its price, after one filled example and the sender', async () => {
    await running.desk.contacts.create(accountId, {
      number: '0701234221',
      firstName: 'Anna',
      groups: ['Kunder'],
    })
    await running.desk.contacts.create(accountId, { number: '0701234222', groups: ['Kunder'] })
    await answerTo('template save tid Hej {firstName|vän}! Din tid är {date}.')
    const ask = await answerTo(`send group:kunder at ${DAY} 10:00 template:tid date="fredag 14:00"`)
    expect(text(ask)).toMatch(/Example \(to \+4670123422[12]\)/)
    expect(text(ask)).toMatch(/Hej (Anna|vän)! Din tid är fredag 14:00\./)
    expect(text(ask)).toContain('Sender')
    await confirm(ask)
    const sent = (await running.desk.messages.list(accountId, { limit: 10 })).items.filter((m) =>
      m.body.startsWith('Hej '),
    )
    expect(sent.map((m) => m.body).sort()).toEqual([
      'Hej Anna! Din tid är fredag 14:00.',
      'Hej vän! Din tid är fredag 14:00.',
    ])
    for (const m of sent) expect(m.price.amount).toBeGreaterThan(0)
  })
})
