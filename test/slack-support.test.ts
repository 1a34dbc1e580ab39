/**
 * Support workspaces in Slack, end to end: a workspace linked with an operator key looks across accounts (audited),
 * support may only look, operators book credit after a button, and an account's workspace still sees only itself.
 */

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
import { type RunningServer, startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SECRET = 'slack-signing-secret-for-tests'
const TOKEN = 'xoxb-test-token'
const SUPPORT_TEAM = 'T0SUPPORT'
const CUSTOMER_TEAM = 'T0CUSTOMER'
const CHANNEL = 'C0HELPDESK'
const OPS = 'U0OPS'
const AGENT = 'U0AGENT'
const STRANGER = 'U0STRANGER'
const NUMBER = '+46701112233'

let slackApi: Awaited<ReturnType<typeof startSlackApiStandin>>
let responses: Awaited<ReturnType<typeof startResponseUrlStandin>>
let running: RunningServer
let dataDir: string
let requestNo = 0
let beta: { id: string; customerNumber: string; messageId: string }
let demoMessageId: string

beforeAll(async () => {
  slackApi = await startSlackApiStandin({ token: TOKEN, teamId: SUPPORT_TEAM })
  responses = await startResponseUrlStandin()
  dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-slack-support-'))
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
    },
    { announce: () => {} },
  )
  const desk = running.desk
  const demo = running.bootstrap!
  const account = await desk.operator.accounts.create({ name: 'Beta Bygg AB' })
  await desk.ledger.credit(account.id, { amount: 10_000, reference: 'open-beta' })
  const send = (accountId: string, body: string) =>
    desk.messages.send(accountId, { sender: 'Info', body, recipients: [NUMBER] })
  demoMessageId = (await send(demo.accountId, 'Från Demo')).messages[0]!.id
  for (let i = 0; i < 6; i++) await send(account.id, `Beta ${i}`)
  beta = {
    id: account.id,
    customerNumber: account.customerNumber,
    messageId: (await send(account.id, 'Senaste från Beta')).messages[0]!.id,
  }
  // The number answered STOP to the demo account's virtual number: blocklisted there.
  await desk.inbound.receive({ from: NUMBER, to: '+46700000000', body: 'STOP', at: desk.clock.now() })
})

afterAll(async () => {
  await running?.stop()
  await rm(dataDir, { recursive: true, force: true })
  await slackApi?.close()
  await responses?.close()
})

async function post(body: string, contentType: string) {
  const req = signed(SECRET, body, contentType)
  return fetch(`${running.url}/slack/events`, { method: 'POST', headers: req.headers, body })
}

/** `/sms <text>` as `user` in `team`; the first response_url message. */
async function slash(text: string, user = OPS, team = SUPPORT_TEAM) {
  const id = `cmd-${++requestNo}`
  const body = slashCommandBody({
    text,
    teamId: team,
    userId: user,
    channelId: CHANNEL,
    responseUrl: responses.urlFor(id),
  })
  expect((await post(body, 'application/x-www-form-urlencoded')).status).toBe(200)
  return waitFor(`an answer to ${text}`, () => responses.messagesFor(id)[0]?.body)
}

async function click(actionId: string, value: string, user = OPS) {
  const id = `click-${++requestNo}`
  const body = buttonClickBody({
    teamId: SUPPORT_TEAM,
    userId: user,
    channelId: CHANNEL,
    responseUrl: responses.urlFor(id),
    actionId,
    value,
  })
  expect((await post(body, 'application/x-www-form-urlencoded')).status).toBe(200)
  return waitFor(`an answer to ${actionId}`, () => responses.messagesFor(id)[0]?.body)
}

const textOf = (message: unknown) => JSON.stringify(message)

async function auditRows(via: string) {
  return (await running.desk.audit.list({ limit: 500 })).items.filter((e) => e.via === via)
}

describe('Slack support workspace', () => {
  it('links with an operator key, never echoing it, and answers in English on request', async () => {
    const key = running.operator!.key
    const answer = await slash(`connect ${key}`)
    expect(textOf(answer)).toContain('Supportarbetsyta kopplad')
    expect(textOf(answer)).not.toContain(key)
    expect(textOf(await slash('lang en'))).toContain('English')
  })

  it('finds any account’s message with its account, customer number and what each code means', async () => {
    const answer = textOf(await slash(`status ${beta.messageId}`))
    expect(answer).toContain('Beta Bygg AB')
    expect(answer).toContain(beta.customerNumber)
    expect(answer).toMatch(/101 Accepted — \S/)
    const rows = await auditRows('slack')
    expect(rows[0]).toMatchObject({ action: 'chat status', accountId: beta.id, target: beta.messageId })
    expect(rows[0]?.origin).toBe(`slack:${SUPPORT_TEAM}/${OPS}`)
  })

  it('lists a number across accounts newest first, pages with "more", and says where and why it is blocked', async () => {
    const first = textOf(await slash(`status ${NUMBER}`))
    expect(first).toContain(beta.messageId)
    expect(first).toContain(`Beta Bygg AB (${beta.customerNumber})`)
    expect(first).not.toContain(demoMessageId)
    expect(first).toContain('Blocklisted')
    expect(first).toMatch(/Demo \(\d+\): replied STOP/)
    expect(first).toContain('SMS from this number')
    expect(first).toContain(`status ${NUMBER} more 2`)
    const second = textOf(await slash(`status ${NUMBER} more 2`))
    expect(second).toContain(demoMessageId)
    expect(second).not.toContain(beta.messageId)
  })

  it('shows an account by customer number or name', async () => {
    const answer = textOf(await slash(`account ${beta.customerNumber}`))
    expect(answer).toContain('Beta Bygg AB')
    expect(answer).toMatch(/active/)
    expect(answer).toContain('no campaign')
    expect(answer).toMatch(/Last 24 hours/)
    expect(textOf(await slash('account bygg'))).toContain(beta.customerNumber)
    expect(textOf(await slash('account nobody-at-all'))).toContain('No account has')
  })

  it('lets support look but not book credit, and people without a role see nothing', async () => {
    expect(textOf(await slash(`status ${beta.messageId}`, STRANGER))).toContain(
      'no role in this support workspace',
    )
    expect(textOf(await slash(`grant <@${AGENT}> support`))).toContain('support')
    expect(textOf(await slash(`account ${beta.customerNumber}`, AGENT))).toContain('Beta Bygg AB')
    expect(textOf(await slash(`credit ${beta.customerNumber} 500 order-77`, AGENT))).toContain(
      'Only the operator role',
    )
    expect(textOf(await slash(`grant <@${STRANGER}> admin`))).toContain('operator and support')
  })

  it('shows the week’s FAQ misses and least helpful articles with `faq report`, to support too', async () => {
    await running.desk.faqFeedback.recordSearch('Faktura 4711', 'sv', 0)
    await running.desk.faqFeedback.recordSearch('faktura 12', 'sv', 0)
    await running.desk.faqFeedback.recordHelpful('blocklist.sv', 'sv', false)
    const answer = textOf(await slash('faq report', AGENT))
    expect(answer).toContain('FAQ report since')
    expect(answer).toContain('“faktura #” × 2')
    expect(answer).toContain('Blockeringslistan – stoppa SMS till ett nummer: 1 no, 0 yes')
    expect(answer).not.toContain('4711')
    expect(textOf(await slash('faq report', STRANGER))).toContain('no role in this support workspace')
  })

  it('books credit only after the operator clicks Book, once per reference', async () => {
    const before = (await running.desk.ledger.balance(beta.id)).amount
    const ask = await slash(`credit ${beta.customerNumber} 500 order-77`)
    expect(textOf(ask)).toContain('Book credit?')
    const book = (ask.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'confirm_credit')
    expect(book).toBeDefined()
    expect((await running.desk.ledger.balance(beta.id)).amount).toBe(before)
    expect(textOf(await click('confirm_credit', book!.value, AGENT))).toContain('Only the operator role')
    expect(textOf(await click('confirm_credit', book!.value))).toContain('booked')
    expect((await running.desk.ledger.balance(beta.id)).amount).toBe(before + 50_000)
    expect(textOf(await click('confirm_credit', book!.value))).toContain('already booked')
    expect((await running.desk.ledger.balance(beta.id)).amount).toBe(before + 50_000)
    expect(
      (await auditRows('slack')).some((r) => r.action === 'chat credit' && r.target === 'order-77'),
    ).toBe(true)
  })

  it('keeps an account’s workspace inside its own account', async () => {
    const demoKey = running.bootstrap!.apiKey
    expect(textOf(await slash(`connect ${demoKey}`, OPS, CUSTOMER_TEAM))).toContain('Kopplad')
    expect(textOf(await slash(`status ${beta.messageId}`, OPS, CUSTOMER_TEAM))).not.toContain('Beta')
    expect(textOf(await slash(`account ${beta.customerNumber}`, OPS, CUSTOMER_TEAM))).toContain(
      'supportarbetsyta',
    )
    expect(textOf(await slash(`connect ${running.operator!.key}`, OPS, CUSTOMER_TEAM))).toContain('kundkonto')
    const own = textOf(await slash(`status ${NUMBER}`, OPS, CUSTOMER_TEAM))
    expect(own).toContain(demoMessageId)
    expect(own).not.toContain(beta.messageId)
    // A support workspace cannot be taken over with an account key either.
    expect(textOf(await slash(`connect ${demoKey}`))).toContain('already connected')
    // Every look-up in the support workspace is in the audit log.
    const lookups = (await auditRows('slack')).filter((r) => r.action.startsWith('chat '))
    expect(lookups.map((r) => r.action).reverse()).toEqual([
      'chat connect support workspace',
      'chat status',
      'chat status number',
      'chat status number',
      'chat account',
      'chat account',
      'chat account',
      'chat account',
      'chat faq report',
      'chat credit asked',
      'chat credit',
      'chat credit',
    ])
    expect(lookups.every((r) => r.origin?.startsWith(`slack:${SUPPORT_TEAM}/`))).toBe(true)
  })
})
