/**
 * `faq draft` in a support thread, end to end over the real server and the Slack stand-in: the question and the
 * staff answers become a pending draft (notes left out), the thread gets an acknowledgement, the customer sees
 * nothing of it, and the draft is listed at `GET /api/v1/operator/faq-drafts` for operator and support keys.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { messageEventBody, signed, startSlackApiStandin, waitFor } from '@smsdesk/bot/testing'
import { type RunningServer, startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SECRET = 'slack-signing-secret-for-tests'
const TOKEN = 'xoxb-test-token'
const TEAM = 'T0SUPPORT'
const CHANNEL = 'C0SUPPORTD'
const HEADER = 'X-Conversation-Token'

let slackApi: Awaited<ReturnType<typeof startSlackApiStandin>>
let running: RunningServer
let dataDir: string

beforeAll(async () => {
  slackApi = await startSlackApiStandin({ token: TOKEN, teamId: TEAM })
  dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-slack-faq-draft-'))
  running = await startServer(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
      SUPPORT_ENABLED: '1',
      SUPPORT_CHANNEL: CHANNEL,
    },
    { announce: () => {} },
  )
})

afterAll(async () => {
  await running?.stop()
  await rm(dataDir, { recursive: true, force: true })
  await slackApi?.close()
})

async function ask(): Promise<{ conversationId: string; token: string; ts: string }> {
  const res = await fetch(`${running.url}/api/v1/support/conversations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      question: 'Kan jag skicka sms till Kanada?',
      name: 'Anna Andersson',
      email: 'anna@example.com',
      lang: 'sv',
      recentSearches: ['kanada'],
    }),
  })
  expect(res.status).toBe(201)
  const started = (await res.json()) as { conversationId: string; token: string }
  const ts = await waitFor(
    'the thread link',
    async () => (await running.desk.support.get(started.conversationId)).conversation.thread?.ts,
    5_000,
  )
  return { ...started, ts }
}

async function staffWrites(text: string, threadTs: string): Promise<void> {
  const body = messageEventBody({
    teamId: TEAM,
    userId: 'U0AGENT',
    channelId: CHANNEL,
    text,
    ts: `${Date.now() / 1000}`,
    threadTs,
  })
  const req = signed(SECRET, body, 'application/json')
  const res = await fetch(`${running.url}/slack/events`, { method: 'POST', headers: req.headers, body })
  expect(res.status).toBe(200)
}

const threadReplies = (ts: string) =>
  slackApi.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts)

describe('faq draft in a Slack support thread', () => {
  it('says so when nobody has answered yet, and makes no draft', async () => {
    const { ts } = await ask()
    await staffWrites('faq draft', ts)
    const ack = await waitFor('the acknowledgement', () => threadReplies(ts)[0])
    expect(String(ack.args.text)).toContain('ingen har svarat')
    expect(await running.desk.support.drafts.list()).toEqual([])
  })

  it('queues the question and the answers as a pending draft, acknowledged in the thread, unseen by the customer', async () => {
    const { conversationId, token, ts } = await ask()
    await staffWrites('Ja, när kontot har en Nordamerika-kampanj.', ts)
    await staffWrites('#note kolla kampanjen', ts)
    // Slack events are acked before their listener runs: wait until both are stored.
    await waitFor('the answer and the note', async () =>
      (await running.desk.support.get(conversationId)).messages.length === 3 ? true : undefined,
    )
    await staffWrites('faq draft Sms till Kanada och USA', ts)
    const ack = await waitFor('the acknowledgement', () =>
      threadReplies(ts).find((c) => String(c.args.text).includes('FAQ-utkast')),
    )
    expect(String(ack.args.text)).toContain('Sms till Kanada och USA')

    const [draft] = await running.desk.support.drafts.list({ status: 'pending' })
    expect(draft).toMatchObject({
      conversationId,
      title: 'Sms till Kanada och USA',
      question: 'Kan jag skicka sms till Kanada?',
      answer: 'Ja, när kontot har en Nordamerika-kampanj.',
      createdBy: 'Staff U0AGENT',
    })
    const view = await fetch(`${running.url}/api/v1/support/conversation`, { headers: { [HEADER]: token } })
    const { messages } = (await view.json()) as { messages: { text: string }[] }
    expect(messages.map((m) => m.text)).toEqual([
      'Kan jag skicka sms till Kanada?',
      'Ja, när kontot har en Nordamerika-kampanj.',
    ])

    const supportStaff = await running.desk.operator.staff.create({ name: 'Eva Ek', role: 'support' })
    const { key } = await running.desk.operator.staff.issueKey(supportStaff.id)
    for (const bearer of [running.operator!.key, key]) {
      const res = await fetch(`${running.url}/api/v1/operator/faq-drafts?status=pending`, {
        headers: { Authorization: `Bearer ${bearer}` },
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { items: { id: string; status: string }[] }
      expect(body.items.map((d) => [d.id, d.status])).toEqual([[draft!.id, 'pending']])
    }
    const anonymous = await fetch(`${running.url}/api/v1/operator/faq-drafts`)
    expect(anonymous.status).toBe(401)
  })
})
