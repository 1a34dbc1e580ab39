/**
 * Teams around a send: a channel thread's replies go out as SMS (commands still work when addressed to the bot), a
 * STOP from the number is told in that thread, and number look-ups page through SMS both ways.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BotConnectorStandin, startBotConnectorStandin, waitFor } from '@smsdesk/bot/testing'
import type { Desk } from '@smsdesk/core'
import { startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const TENANT = 'tenant-conv'
const BOT_ID = '28:smsdesk-bot'
const USER = '29:user-ada'
const CHANNEL = '19:general@thread.tacv2'

let connector: BotConnectorStandin
let desk: Desk
let accountId: string
let virtualNumber: string
let url: string
let stop: () => Promise<void>
let activityNo = 0

beforeAll(async () => {
  connector = await startBotConnectorStandin()
  const dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-teams-conv-'))
  const running = await startServer(
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
  await ask(`connect ${boot.apiKey}`, 'a:personal')
  await ask('lang en', 'a:personal')
})

afterAll(async () => {
  await stop?.()
  await connector?.close()
})

function activity(text: string, conversationId: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `in-${++activityNo}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: USER, name: 'Ada Admin' },
    recipient: { id: BOT_ID, name: 'smsdesk' },
    conversation: {
      id: conversationId,
      tenantId: TENANT,
      conversationType: conversationId.startsWith('19:') ? 'channel' : 'personal',
    },
    channelData: { tenant: { id: TENANT } },
    text: `<at>smsdesk</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>smsdesk</at>', mentioned: { id: BOT_ID, name: 'smsdesk' } }],
    ...extra,
  }
}

async function postActivity(body: Record<string, unknown>) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
}

/** Sends `text` in the conversation and returns what the bot answered (not a card update). */
async function ask(text: string, conversationId: string, extra: Record<string, unknown> = {}) {
  const before = connector.calls.length
  await postActivity(activity(text, conversationId, extra))
  return waitFor(`the answer to "${text}"`, () =>
    connector.calls.slice(before).find((c) => c.kind !== 'update'),
  )
}

const json = (value: unknown) => JSON.stringify(value)
const sentTo = async (number: string) => (await desk.messages.list(accountId, { recipient: number })).items

describe('Teams conversations', () => {
  it('sends a reply in the channel thread of a send as SMS, and still answers a command there', async () => {
    // A new post in a channel: the conversation id names the thread by its first message (the command itself).
    const thread = `${CHANNEL};messageid=post-1`
    await ask('send 0701237001 Are you coming?', thread)
    const original = await waitFor('the original SMS', async () => (await sentTo('+46701237001'))[0])

    const said = await ask('Tack, see you at 10', thread)
    expect(said.conversationId).toBe(thread)
    expect(json(said.activity)).toContain('Sent as SMS to +46701237001')
    const reply = await waitFor('the reply as SMS', async () =>
      (await sentTo('+46701237001')).find((m) => m.body === 'Tack, see you at 10'),
    )
    expect(reply).toMatchObject({ sender: original.sender, source: 'teams' })

    // The bot mentioned first and a known verb: a command, answered with a card, and no SMS.
    const status = await ask('balance', thread)
    expect(json(status.activity)).toContain('application/vnd.microsoft.card.adaptive')
    expect((await sentTo('+46701237001')).map((m) => m.body).sort()).toEqual([
      'Are you coming?',
      'Tack, see you at 10',
    ])
  })

  it('posts an inbound SMS and a STOP note into the channel thread, and a reply to the inbound SMS goes out', async () => {
    const thread = `${CHANNEL};messageid=post-2`
    await ask('send 0701237002 Tickets on sale', thread)
    await waitFor('the SMS', async () => (await sentTo('+46701237002'))[0])
    const before = connector.calls.length
    await desk.inbound.receive({
      from: '+46701237002',
      to: virtualNumber,
      body: 'Which day?',
      at: new Date(),
    })
    const inbound = await waitFor('the inbound SMS in the thread', () =>
      connector.calls.slice(before).find((c) => json(c.activity).includes('Which day?')),
    )
    expect(inbound.conversationId).toBe(thread)
    await ask('Friday', thread, { replyToId: inbound.activityId ?? undefined })
    await waitFor('the answer as SMS', async () =>
      (await sentTo('+46701237002')).find((m) => m.body === 'Friday'),
    )

    const stopBefore = connector.calls.length
    await desk.inbound.receive({ from: '+46701237002', to: virtualNumber, body: 'STOP', at: new Date() })
    const note = await waitFor('the STOP note in the thread', () =>
      connector.calls.slice(stopBefore).find((c) => json(c.activity).includes('answered STOP')),
    )
    expect(note.conversationId).toBe(thread)
    expect(json(note.activity)).toContain('+46701237002 answered STOP and is blocklisted')
  })

  it('opens the compose card for a bare mention, and sends its submit like the typed command', async () => {
    const opened = await ask('', 'a:personal')
    const card = (opened.activity.attachments as { content: Record<string, unknown> }[])[0]?.content ?? {}
    const inputs = (card.body as { type: string; id?: string }[]).filter((b) => b.type === 'Input.Text')
    expect(inputs.map((i) => i.id)).toEqual(['recipients', 'text', 'sendAt'])
    const submit = (card.actions as { type: string; data: Record<string, unknown> }[])[0]
    expect(submit?.type).toBe('Action.Submit')

    const submitted = (values: Record<string, string>) =>
      ask('', 'a:personal', { text: undefined, entities: [], value: { ...submit?.data, ...values } })
    const missing = await submitted({ recipients: '0701237003', text: '' })
    expect(json(missing.activity)).toContain('Fill in recipients and text.')
    expect(await sentTo('+46701237003')).toHaveLength(0)

    const answer = await submitted({ recipients: '0701237003', text: 'From the Teams form' })
    expect(json(answer.activity)).toContain('+46701237003')
    const sent = await waitFor('the SMS from the form', async () => (await sentTo('+46701237003'))[0])
    expect(sent).toMatchObject({ body: 'From the Teams form', source: 'teams' })
  })

  it('shows a number as one timeline with its blocklist state, and pages with the More button', async () => {
    const number = '+46701237006'
    for (let i = 1; i <= 6; i++)
      await desk.messages.send(accountId, { sender: 'Shop', recipients: [number], body: `Deal ${i}` })
    await desk.inbound.receive({ from: number, to: virtualNumber, body: 'STOP', at: new Date() })
    const first = await ask(`status ${number}`, 'a:personal')
    const card = (first.activity.attachments as { content: Record<string, unknown> }[])[0]?.content ?? {}
    expect(json(card)).toContain('blocklisted: replied STOP')
    expect(json(card)).toContain('SMS from the number')
    const actions = card.actions as {
      verb: string
      title: string
      fallback: { data: Record<string, unknown> }
    }[]
    const more = actions.find((a) => a.title === 'More')
    expect(more?.verb).toBe('run_command')
    expect(actions.some((a) => a.title.startsWith('History msg_'))).toBe(true)
    const second = await ask('', 'a:personal', { text: undefined, entities: [], value: more?.fallback.data })
    expect(json(second.activity)).toContain('Page 2')
    expect(json(second.activity)).toContain('Deal 1')
  })
})
