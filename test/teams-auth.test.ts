/**
 * Teams locked down: off without an app id, unauthenticated only when asked for (and never in production), and with
 * an app id every request without a token the Bot Framework could have issued answers 401 with nothing in the body.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBot, loadBotConfig } from '@smsdesk/bot'
import { type BotConnectorStandin, startBotConnectorStandin, startOpenIdStandin } from '@smsdesk/bot/testing'
import { createTestDesk } from '@smsdesk/core/testing'
import { createLogger, startServer } from '@smsdesk/server'
import { afterAll, beforeAll, expect, it } from 'vitest'

const TENANT = 'tenant-0001'

let connector: BotConnectorStandin
beforeAll(async () => {
  connector = await startBotConnectorStandin()
})
afterAll(async () => {
  await connector?.close()
})

function activity(conversationId: string) {
  return {
    type: 'message',
    id: `incoming-${conversationId}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:user-ada', name: 'Ada Admin' },
    recipient: { id: '28:smsdesk-bot', name: 'smsdesk' },
    conversation: { id: conversationId, tenantId: TENANT, conversationType: 'personal' },
    channelData: { tenant: { id: TENANT } },
    text: 'help',
  }
}

async function postActivity(
  url: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

async function startTeamsServer(env: Record<string, string>, lines: string[] = []) {
  const dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-teams-auth-'))
  const running = await startServer(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    { announce: () => {}, logger: createLogger('debug', { write: (l: string) => lines.push(l) }) },
  )
  return {
    url: running.url,
    async stop() {
      await running.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, signature = 'c2lnbmF0dXJl') {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  return `${part(header)}.${part(claims)}.${signature}`
}

const APP_ID = '00000000-1111-2222-3333-444444444444'

it('answers 401 with no internal text to missing, forged, expired and unverifiable tokens, and posts nothing', async () => {
  const openId = await startOpenIdStandin()
  const lines: string[] = []
  const secured = await startTeamsServer(
    {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-password',
      MicrosoftAppType: 'MultiTenant',
      BOT_TEAMS_SERVICE_HOSTS: '127.0.0.1',
      BOT_TEAMS_OPENID_METADATA_URL: openId.metadataUrl,
    },
    lines,
  )
  try {
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      serviceurl: connector.serviceUrl,
      nbf: now - 60,
      exp: now + 3_600,
    }
    const tokens = {
      none: jwt({ alg: 'none', typ: 'JWT' }, claims, ''),
      hs256: jwt({ alg: 'HS256', typ: 'JWT' }, claims),
      expired: jwt({ alg: 'RS256', kid: openId.keyId }, { ...claims, exp: now - 3_600 }),
      unknownKey: jwt({ alg: 'RS256', kid: 'no-such-key' }, claims),
      badSignature: jwt({ alg: 'RS256', kid: openId.keyId }, claims),
    }
    const attempts: [string, Record<string, string>][] = [
      ['missing', {}],
      ['not a jwt', { authorization: 'Bearer not.a.jwt' }],
      ...Object.entries(tokens).map(([name, t]): [string, Record<string, string>] => [
        name,
        { authorization: `Bearer ${t}` },
      ]),
    ]
    for (const [name, headers] of attempts) {
      const res = await postActivity(secured.url, activity('a:secured'), headers)
      expect([name, res.status]).toEqual([name, 401])
      expect([name, await res.text()]).toEqual([name, ''])
    }
    await new Promise((r) => setTimeout(r, 100))
    expect(connector.calls.filter((c) => c.conversationId === 'a:secured')).toEqual([])
    for (const t of Object.values(tokens)) expect(lines.join('\n')).not.toContain(t)
  } finally {
    await secured.stop()
    await openId.close()
  }
})

it('is off without an app id unless BOT_TEAMS=unauthenticated, which production refuses', async () => {
  const off = await startTeamsServer({})
  try {
    expect((await postActivity(off.url, activity('a:off'))).status).toBe(404)
    expect(connector.calls.filter((c) => c.conversationId === 'a:off')).toEqual([])
  } finally {
    await off.stop()
  }
  expect(loadBotConfig({ NODE_ENV: 'production' }).teams).toBeNull()
  expect(() => loadBotConfig({ NODE_ENV: 'production', BOT_TEAMS: 'unauthenticated' })).toThrow(
    /MicrosoftAppId/,
  )
  const desk = await createTestDesk('sqlite')
  try {
    const config = loadBotConfig({ BOT_TEAMS: 'unauthenticated' })
    expect(() => createBot(desk, { ...config, production: true })).toThrow(/MicrosoftAppId/)
    const warnings: string[] = []
    const bot = createBot(desk, config, (m) => warnings.push(m))
    expect(warnings.join('\n')).toMatch(/UNAUTHENTICATED/)
    await bot.close()
    const secured = loadBotConfig({ MicrosoftAppId: APP_ID, NODE_ENV: 'production' })
    expect(secured.teams).toMatchObject({ auth: 'authenticated', appId: APP_ID })
  } finally {
    await desk.close()
  }
})
