/**
 * Support workspaces in Teams, end to end: a tenant linked with an operator key looks across accounts (audited),
 * books credit from a card button once per reference, and an account's tenant still sees only its own account.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BotConnectorStandin, startBotConnectorStandin, waitFor } from '@smsdesk/bot/testing'
import { type RunningServer, startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SUPPORT_TENANT = 'tenant-provider'
const CUSTOMER_TENANT = 'tenant-customer'
const BOT_ID = '28:smsdesk-bot'
const OPS = '29:user-olle'
const AGENT = '29:user-stina'
const NUMBER = '+46702223344'

let connector: BotConnectorStandin
let running: RunningServer
let dataDir: string
let activityNo = 0
let beta: { id: string; customerNumber: string; messageId: string }

beforeAll(async () => {
  connector = await startBotConnectorStandin()
  dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-teams-support-'))
  running = await startServer(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SIMULATOR_STEP_MS: '5',
      // No app id: the local connector stand-in is reached only in the explicitly unauthenticated mode.
      BOT_TEAMS: 'unauthenticated',
    },
    { announce: () => {} },
  )
  const desk = running.desk
  const account = await desk.operator.accounts.create({ name: 'Gamma Café' })
  await desk.ledger.credit(account.id, { amount: 10_000, reference: 'open-gamma' })
  const sent = await desk.messages.send(account.id, {
    sender: 'Gamma',
    body: 'Välkommen',
    recipients: [NUMBER],
  })
  beta = { id: account.id, customerNumber: account.customerNumber, messageId: sent.messages[0]!.id }
})

afterAll(async () => {
  await running?.stop()
  await rm(dataDir, { recursive: true, force: true })
  await connector?.close()
})

function activity(text: string, user: string, tenant: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `incoming-${++activityNo}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: user, name: user },
    recipient: { id: BOT_ID, name: 'smsdesk' },
    conversation: { id: `a:${tenant}-${user}`, tenantId: tenant, conversationType: 'personal' },
    channelData: { tenant: { id: tenant } },
    text: `<at>smsdesk</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>smsdesk</at>', mentioned: { id: BOT_ID, name: 'smsdesk' } }],
    ...extra,
  }
}

/** Posts an activity and returns the card the bot answered with. */
async function send(body: Record<string, unknown>) {
  const before = connector.calls.length
  const res = await fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  const call = await waitFor('the answer', () =>
    connector.calls.slice(before).find((c) => c.kind !== 'update'),
  )
  const attachments = call.activity.attachments as { content: Record<string, unknown> }[] | undefined
  return attachments?.[0]?.content ?? call.activity
}

const ask = (text: string, user = OPS, tenant = SUPPORT_TENANT) => send(activity(text, user, tenant))
const json = (value: unknown) => JSON.stringify(value)

describe('Teams support workspace', () => {
  it('links a tenant with an operator key and looks a message and a number up across accounts', async () => {
    const key = running.operator!.key
    const linked = await ask(`connect ${key}`)
    expect(json(linked)).toContain('Supportarbetsyta kopplad')
    expect(json(linked)).not.toContain(key)
    const message = json(await ask(`status ${beta.messageId}`))
    expect(message).toContain('Gamma Café')
    expect(message).toContain(beta.customerNumber)
    const number = json(await ask(`status ${NUMBER}`))
    expect(number).toContain(beta.messageId)
    expect(number).toContain('inte spärrat')
    const account = json(await ask(`account ${beta.customerNumber}`))
    expect(account).toContain('Gamma Café')
    expect(account).toContain('aktivt')
  })

  it('lets support look but only operators book credit, from the card button, once per reference', async () => {
    expect(json(await ask(`status ${beta.messageId}`, AGENT))).toContain('ingen roll')
    const grant = activity('grant <at>Stina</at> support', OPS, SUPPORT_TENANT)
    grant.entities.push({ type: 'mention', text: '<at>Stina</at>', mentioned: { id: AGENT, name: 'Stina' } })
    expect(json(await send(grant))).toContain('support')
    expect(await running.desk.operator.workspaces.memberRole('teams', SUPPORT_TENANT, AGENT)).toBe('support')
    expect(json(await ask(`account ${beta.customerNumber}`, AGENT))).toContain('Gamma Café')
    expect(json(await ask(`credit ${beta.customerNumber} 250 order-t1`, AGENT))).toContain(
      'Bara rollen operatör',
    )

    const before = (await running.desk.ledger.balance(beta.id)).amount
    const card = await ask(`credit ${beta.customerNumber} 250 order-t1`)
    const actions = card.actions as { data: { smsdesk: string; pendingId: string } }[]
    expect(actions.map((a) => a.data.smsdesk)).toEqual(['confirm_credit', 'cancel_credit'])
    const click = (user: string) =>
      send(activity('', user, SUPPORT_TENANT, { text: undefined, entities: [], value: actions[0]?.data }))
    expect(json(await click(AGENT))).toContain('Bara rollen operatör')
    expect(json(await click(OPS))).toContain('bokat')
    expect(json(await click(OPS))).toContain('redan bokad')
    expect((await running.desk.ledger.balance(beta.id)).amount).toBe(before + 25_000)
  })

  it('keeps a customer tenant inside its own account and audits every support look-up', async () => {
    expect(json(await ask(`connect ${running.bootstrap!.apiKey}`, OPS, CUSTOMER_TENANT))).toContain('Kopplad')
    expect(json(await ask(`status ${beta.messageId}`, OPS, CUSTOMER_TENANT))).not.toContain('Gamma')
    expect(json(await ask(`account ${beta.customerNumber}`, OPS, CUSTOMER_TENANT))).toContain(
      'supportarbetsyta',
    )
    expect(json(await ask(`status ${NUMBER}`, OPS, CUSTOMER_TENANT))).not.toContain(beta.messageId)
    const rows = (await running.desk.audit.list({ limit: 500 })).items.filter((r) => r.via === 'teams')
    expect(rows.map((r) => r.action).reverse()).toEqual([
      'chat connect support workspace',
      'chat status',
      'chat status number',
      'chat account',
      'chat account',
      'chat credit asked',
      'chat credit',
      'chat credit',
    ])
    expect(rows.every((r) => r.origin?.startsWith(`teams:${SUPPORT_TENANT}/`))).toBe(true)
  })
})
