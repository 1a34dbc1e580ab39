/** Teams end to end: a scheduled send confirmed with its absolute time, cancel with refund, a template send. */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BotConnectorStandin, startBotConnectorStandin, waitFor } from '@smsdesk/bot/testing'
import { startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const TENANT = 'tenant-compose'
const BOT_ID = '28:smsdesk-bot'
const USER = '29:user-ada'
const CONVERSATION = 'a:conversation-compose'

let connector: BotConnectorStandin
let running: Awaited<ReturnType<typeof startServer>>
let dataDir: string
let accountId: string
let activityNo = 0

beforeAll(async () => {
  connector = await startBotConnectorStandin()
  dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-teams-compose-'))
  running = await startServer(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SIMULATOR_STEP_MS: '5',
      BOT_TEAMS: 'unauthenticated',
      BOT_UPDATE_INTERVAL_MS: '30',
    },
    { announce: () => {} },
  )
  accountId = running.bootstrap?.accountId ?? ''
  await ask(`connect ${running.bootstrap?.apiKey}`)
  await ask('lang en')
})

afterAll(async () => {
  await running?.stop()
  await connector?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
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

async function post(body: Record<string, unknown>) {
  const res = await fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
}

async function ask(text: string) {
  const before = connector.calls.length
  await post(activity(text))
  const call = await waitFor(`the answer to "${text}"`, () =>
    connector.calls.slice(before).find((c) => c.kind !== 'update'),
  )
  const attachments = call.activity.attachments as { content: Record<string, unknown> }[]
  return { call, card: attachments[0]?.content ?? {} }
}

/** Clicks the card's Send and returns the card it turned into. */
async function confirm(call: (typeof connector.calls)[number], card: Record<string, unknown>) {
  const actions = card.actions as { data: { smsdesk: string } }[]
  const cardId = `activity-${connector.calls.indexOf(call) + 1}`
  const before = connector.calls.length
  await post(activity('', { text: undefined, entities: [], value: actions[0]?.data, replyToId: cardId }))
  return waitFor('the answer to the click', () =>
    connector.calls.slice(before).find((c) => c.activityId === cardId),
  )
}

const json = (value: unknown) => JSON.stringify(value)

/** Tomorrow's date in Stockholm, as the bot writes it. */
const tomorrow = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short' }).format(
    new Date(Date.now() + 86_400_000),
  )

describe('Teams: schedule, cancel, templates', () => {
  it('confirms a scheduled send with its absolute time, books it for then, and cancels it with the refund', async () => {
    const balance = await running.desk.ledger.balance(accountId)
    const { call, card } = await ask('send 070-123 45 67 kl 09:00 imorgon Välkommen in')
    expect(json(card)).toContain(`${tomorrow()} 09:00:00 (Europe/Stockholm)`)
    expect(json(card)).toContain('Välkommen in')
    const done = await confirm(call, card)
    expect(json(done.activity)).toContain('Scheduled to 1 recipient')
    const [message] = (await running.desk.messages.list(accountId, { recipient: '+46701234567' })).items
    expect(message?.status.code).toBe(103)
    expect(message?.sendAt.getTime()).toBeGreaterThan(Date.now())
    expect(json((await ask('scheduled')).card)).toContain(message?.id ?? '?')

    const canceled = await ask(`cancel ${message?.batchId}`)
    expect(json(canceled.card)).toContain('1 SMS was stopped (203 Canceled)')
    expect(json(canceled.card)).toMatch(/\d+\.\d\d SEK went back to the balance/)
    expect(await running.desk.ledger.balance(accountId)).toEqual(balance)
  })

  it('sends a template filled per recipient with its price, after one filled example', async () => {
    await running.desk.contacts.create(accountId, {
      number: '0701234211',
      firstName: 'Anna',
      groups: ['Team'],
    })
    await running.desk.contacts.create(accountId, { number: '0701234212', firstName: 'Bo', groups: ['Team'] })
    expect(json((await ask('template save hej Hej {firstName}! Ses {date|snart}.')).card)).toContain(
      'template:hej',
    )
    const { call, card } = await ask('send group:team kl 10:00 imorgon template:hej')
    expect(json(card)).toMatch(/Example \(to \+4670123421[12]\)/)
    expect(json(card)).toMatch(/Hej (Anna|Bo)! Ses snart\./)
    expect(json(card)).toContain('Sender')
    await confirm(call, card)
    const sent = (await running.desk.messages.list(accountId, { limit: 10 })).items.filter((m) =>
      m.body.startsWith('Hej '),
    )
    expect(sent.map((m) => m.body).sort()).toEqual(['Hej Anna! Ses snart.', 'Hej Bo! Ses snart.'])
    for (const m of sent) expect(m.price.amount).toBeGreaterThan(0)
  })
})
