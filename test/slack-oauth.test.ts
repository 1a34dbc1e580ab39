/**
 * Slack installed by OAuth in two workspaces, end to end over real HTTP: the browser's install (state cookie,
 * Slack's authorize page, the redirect) against a local stand-in of Slack's side, then signed slash commands and
 * events from each team. Every Web API call must carry its own team's token, neither team sees the other's data,
 * an uninstall ends a team's token use for good, and no token reaches a log or a reply.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type SlackApiStandin,
  signed,
  slashCommandBody,
  startResponseUrlStandin,
  startSlackApiStandin,
  waitFor,
} from '@smsdesk/bot/testing'
import type { Desk } from '@smsdesk/core'
import { createLogger, type RunningServer, startServer } from '@smsdesk/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SECRET = 'slack-signing-secret-for-oauth-tests'
const OAUTH = {
  clientId: '1111.2222',
  clientSecret: 'client-secret-for-oauth-tests',
  teams: { T0ALPHA: 'Alpha AB', T0BETA: 'Beta AB', T0GAMMA: 'Gamma AB' },
}
const STATE_SECRET = 'state-secret-for-oauth-tests'
const TOKEN_KEY = 'token-key-for-oauth-tests-0123456789abcdef'
const CHANNEL = { T0ALPHA: 'C0ALPHA', T0BETA: 'C0BETA' } as const
type Team = keyof typeof CHANNEL

let slackApi: SlackApiStandin
let responses: Awaited<ReturnType<typeof startResponseUrlStandin>>
let running: RunningServer
let desk: Desk
let dataDir: string
const logLines: string[] = []
const apiKeys: Record<Team, string> = { T0ALPHA: '', T0BETA: '' }
const accounts: Record<Team, string> = { T0ALPHA: '', T0BETA: '' }
let requestNo = 0

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

beforeAll(async () => {
  slackApi = await startSlackApiStandin({ oauth: OAUTH })
  responses = await startResponseUrlStandin()
  dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-slack-oauth-'))
  const port = await freePort()
  running = await startServer(
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      // Slow enough that a send is still moving when its workspace uninstalls the app.
      SIMULATOR_STEP_MS: '100',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CLIENT_ID: OAUTH.clientId,
      SLACK_CLIENT_SECRET: OAUTH.clientSecret,
      SLACK_STATE_SECRET: STATE_SECRET,
      SLACK_TOKEN_KEY: TOKEN_KEY,
      SLACK_API_URL: slackApi.apiUrl,
      BOT_UPDATE_INTERVAL_MS: '30',
    },
    {
      // The one-time start-up notes (the demo key, shown once on purpose) are not the log.
      announce: () => {},
      logger: createLogger('debug', { write: (line: string) => logLines.push(line) }),
    },
  )
  desk = running.desk
  const boot = running.bootstrap
  if (!boot) throw new Error('expected a fresh database to be bootstrapped')
  accounts.T0ALPHA = boot.accountId
  apiKeys.T0ALPHA = boot.apiKey
  await desk.ledger.topUp(boot.accountId, 90_000)
  const beta = await desk.accounts.create({
    name: 'Beta account',
    currency: 'SEK',
    balance: 55_500,
    virtualNumbers: ['+46700000999'],
  })
  const admin = await desk.users.create(beta.id, { name: 'Beta admin', role: 'admin' })
  accounts.T0BETA = beta.id
  apiKeys.T0BETA = (await desk.apiKeys.issue(beta.id, admin.id)).key
})

afterAll(async () => {
  await running?.stop()
  await slackApi?.close()
  await responses?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** The browser's whole install: our page (and its cookie), Slack's authorize page, back to our redirect. */
async function install(teamId: string) {
  const page = await fetch(`${running.url}/slack/install`)
  expect(page.status).toBe(200)
  const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  expect(cookie).toMatch(/^slack-app-oauth-state=/)
  const html = await page.text()
  expect(html).toContain('Add to Slack')
  const href = /href="([^"]+)"/.exec(html)?.[1]?.replace(/&#38;/g, '&') ?? ''
  const authorize = new URL(href)
  expect(`${authorize.origin}${authorize.pathname}`).toBe(slackApi.authorizeUrl)
  expect(authorize.searchParams.get('client_id')).toBe(OAUTH.clientId)
  expect(authorize.searchParams.get('scope')?.split(',')).toEqual(
    expect.arrayContaining(['commands', 'chat:write', 'channels:history', 'im:history']),
  )
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${running.url}/slack/oauth_redirect`)
  authorize.searchParams.set('team', teamId)
  const approved = await fetch(authorize, { redirect: 'manual' })
  expect(approved.status).toBe(302)
  const redirect = approved.headers.get('location') ?? ''
  const done = await fetch(redirect, { headers: { cookie } })
  return { done, redirect, cookie, body: await done.text() }
}

async function postSigned(body: string, contentType: string) {
  const req = signed(SECRET, body, contentType)
  return fetch(`${running.url}/slack/events`, { method: 'POST', headers: req.headers, body })
}

/** `/sms <text>` from `team` and the first answer on its response_url. */
async function slash(team: Team, text: string) {
  const id = `oauth-cmd-${++requestNo}`
  const res = await postSigned(
    slashCommandBody({
      text,
      teamId: team,
      userId: `U${team}ADMIN`,
      channelId: CHANNEL[team],
      responseUrl: responses.urlFor(id),
    }),
    'application/x-www-form-urlencoded',
  )
  expect(res.status).toBe(200)
  return id
}

const answerTo = (id: string) =>
  waitFor(`a response_url message for ${id}`, () => responses.messagesFor(id)[0]?.body)

async function event(team: string, body: Record<string, unknown>) {
  const res = await postSigned(
    JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: team,
      api_app_id: 'A0SMSDESK',
      type: 'event_callback',
      event_id: `Ev${++requestNo}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: team, user_id: slackApi.botUserId, is_bot: true }],
      event: body,
    }),
    'application/json',
  )
  expect(res.status).toBe(200)
}

/** Every call that carried a token: the team that token belongs to must be the team the call was for. */
function expectOwnTokens(calls: SlackApiStandin['calls']) {
  for (const call of calls) {
    if (call.method === 'oauth.v2.access') continue
    const channel = String(call.args.channel ?? '')
    const team = (Object.keys(CHANNEL) as Team[]).find((t) => CHANNEL[t] === channel)
    if (team) expect(slackApi.tokensOf(team)).toContain(call.token)
  }
}

describe('Slack installed by OAuth in two workspaces', () => {
  it('installs each workspace through the browser flow and says what to do next', async () => {
    for (const team of ['T0ALPHA', 'T0BETA'] as const) {
      const { done, body } = await install(team)
      expect(done.status).toBe(200)
      expect(body).toContain('/sms connect &lt;api key&gt;')
      expect(body).toContain(OAUTH.teams[team])
      const stored = await desk.slackInstallations.find({ teamId: team })
      expect(stored).toMatchObject({
        teamId: team,
        botUserId: slackApi.botUserId,
        installerUserId: `U${team}INSTALLER`,
      })
      expect(stored?.botScopes).toContain('chat:write')
      // Sealed at rest: the clear token is nowhere in the row.
      const token = slackApi.tokensOf(team)[0] ?? ''
      expect(token).toMatch(/^xoxb-/)
      expect(JSON.stringify(stored)).not.toContain(token)
    }
  })

  it('refuses a wrong, foreign or replayed state and stores nothing', async () => {
    const exchangesBefore = slackApi.callsTo('oauth.v2.access').length
    const page = await fetch(`${running.url}/slack/install`)
    const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
    const state = decodeURIComponent(cookie.split('=')[1] ?? '')
    const redirect = (query: string, withCookie: string) =>
      fetch(
        `${running.url}/slack/oauth_redirect?${query}`,
        withCookie ? { headers: { cookie: withCookie } } : {},
      )

    // A state we never issued, even with a matching cookie.
    const forged = await redirect('code=code-T0GAMMA-1&state=forged', 'slack-app-oauth-state=forged')
    expect(forged.status).toBe(400)
    expect(await forged.text()).not.toMatch(/error|stack|exception/i)
    // A real state without this browser's cookie (someone else's link).
    expect((await redirect(`code=x&state=${encodeURIComponent(state)}`, '')).status).toBe(400)
    // A whole finished redirect, replayed with its cookie.
    const first = await install('T0GAMMA')
    expect(first.done.status).toBe(200)
    await desk.slackInstallations.remove({ teamId: 'T0GAMMA' })
    const exchanges = slackApi.callsTo('oauth.v2.access').length
    const replay = await fetch(first.redirect, { headers: { cookie: first.cookie } })
    expect(replay.status).toBe(400)
    expect(slackApi.callsTo('oauth.v2.access')).toHaveLength(exchanges)
    expect(await desk.slackInstallations.find({ teamId: 'T0GAMMA' })).toBeNull()
    expect(exchanges).toBe(exchangesBefore + 1)
  })

  it("answers each team's commands with its own account, and posts and updates with its own token", async () => {
    for (const team of ['T0ALPHA', 'T0BETA'] as const) {
      const connected = await answerTo(await slash(team, `connect ${apiKeys[team]}`))
      expect(JSON.stringify(connected)).toContain('Kopplad')
      expect(JSON.stringify(connected)).not.toContain(apiKeys[team])
    }
    expect(JSON.stringify(await answerTo(await slash('T0ALPHA', 'balance')))).toContain('1000,00 SEK')
    const betaBalance = JSON.stringify(await answerTo(await slash('T0BETA', 'balance')))
    expect(betaBalance).toContain('555,00 SEK')
    expect(betaBalance).not.toContain('1000,00')

    const before = slackApi.calls.length
    await slash('T0ALPHA', 'send 0701110001 Hej från Alpha')
    await slash('T0BETA', 'send 0702220002 Hej från Beta')
    for (const team of ['T0ALPHA', 'T0BETA'] as const) {
      const number = team === 'T0ALPHA' ? '+46701110001' : '+46702220002'
      const message = await waitFor(`${team}'s send to be final`, async () => {
        const m = (await desk.messages.list(accounts[team], { recipient: number })).items[0]
        return m?.final ? m : undefined
      })
      const [thread] = await desk.chat.threadsForBatch(message.batchId)
      expect(thread).toMatchObject({ workspaceId: team, channel: CHANNEL[team] })
      const finalLine = `${message.status.code} ${message.status.name}`
      const update = await waitFor(`${team}'s final chat.update`, () =>
        slackApi
          .callsTo('chat.update')
          .find((c) => c.args.ts === thread?.messageRef && JSON.stringify(c.args).includes(finalLine)),
      )
      expect(update.accepted).toBe(true)
      expect(slackApi.tokensOf(team)).toContain(update.token)
    }
    // The other team's send is in neither the account nor the channel of this one.
    expect((await desk.messages.list(accounts.T0BETA, { recipient: '+46701110001' })).items).toEqual([])
    expect((await desk.messages.list(accounts.T0ALPHA, { recipient: '+46702220002' })).items).toEqual([])
    const calls = slackApi.calls.slice(before)
    expect(
      calls
        .filter((c) => c.method === 'chat.postMessage')
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(['C0ALPHA', 'C0BETA'])
    expect(calls.every((c) => c.accepted)).toBe(true)
    expectOwnTokens(slackApi.calls)
  })

  it("puts an inbound SMS into the sender's thread with that team's token", async () => {
    const account = await desk.accounts.get(accounts.T0BETA)
    const inbound = await fetch(`${running.url}/api/v1/simulator/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKeys.T0BETA}` },
      body: JSON.stringify({ from: '+46702220002', to: account.virtualNumbers[0], body: 'Tack Beta!' }),
    })
    expect(inbound.status).toBe(200)
    const posted = await waitFor('the inbound SMS in the thread', () =>
      slackApi.callsTo('chat.postMessage').find((c) => JSON.stringify(c.args).includes('Tack Beta!')),
    )
    expect(posted.args).toMatchObject({ channel: 'C0BETA' })
    expect(posted.args.thread_ts).toBeTruthy()
    expect(slackApi.tokensOf('T0BETA')).toContain(posted.token)
  })

  it('removes the installation on app_uninstalled; nothing later uses its token; a reinstall resumes the link', async () => {
    // A send still on its way when the app goes: its later statuses must not be shown with the dead token.
    await slash('T0ALPHA', 'send 0701110003 Sista')
    await waitFor('the send message in the channel', () =>
      slackApi.callsTo('chat.postMessage').find((c) => JSON.stringify(c.args).includes('+46701110003')),
    )
    const alphaTokens = [...slackApi.tokensOf('T0ALPHA')]
    slackApi.uninstall('T0ALPHA')
    await event('T0ALPHA', { type: 'app_uninstalled', event_ts: '1700000000.000100' })
    await waitFor('the installation to be gone', async () =>
      (await desk.slackInstallations.find({ teamId: 'T0ALPHA' })) === null ? true : undefined,
    )
    // An update already on its way when the installation went may still land (and be refused); none starts after.
    await new Promise((r) => setTimeout(r, 50))
    const after = slackApi.calls.length
    const logsAfter = logLines.length
    // A command, an inbound SMS into its thread: nothing reaches Slack with the old token.
    const id = await slash('T0ALPHA', 'balance')
    const account = await desk.accounts.get(accounts.T0ALPHA)
    await fetch(`${running.url}/api/v1/simulator/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKeys.T0ALPHA}` },
      body: JSON.stringify({ from: '+46701110001', to: account.virtualNumbers[0], body: 'Hallå?' }),
    })
    // Beta carries on as before.
    expect(JSON.stringify(await answerTo(await slash('T0BETA', 'balance')))).toContain('Beta account')
    await waitFor('the last send to be final', async () => {
      const m = (await desk.messages.list(accounts.T0ALPHA, { recipient: '+46701110003' })).items[0]
      return m?.final ? m : undefined
    })
    await new Promise((r) => setTimeout(r, 300))
    expect(responses.messagesFor(id)).toEqual([])
    expect(slackApi.calls.slice(after).filter((c) => alphaTokens.includes(c.token))).toEqual([])
    // Quietly: no warnings about updates that could not be made.
    expect(
      logLines.slice(logsAfter).filter((l) => l.includes('"level":40') || l.includes('"level":50')),
    ).toEqual([])
    // The workspace is still linked to its account: after a reinstall it answers without `connect`.
    expect(await desk.chat.getWorkspace('slack', 'T0ALPHA')).toMatchObject({ accountId: accounts.T0ALPHA })
    expect((await install('T0ALPHA')).done.status).toBe(200)
    expect(JSON.stringify(await answerTo(await slash('T0ALPHA', 'balance')))).toContain('SEK')
  })

  it('removes the installation when its bot token is revoked', async () => {
    await event('T0BETA', { type: 'tokens_revoked', tokens: { bot: [slackApi.botUserId] } })
    await waitFor('the installation to be gone', async () =>
      (await desk.slackInstallations.find({ teamId: 'T0BETA' })) === null ? true : undefined,
    )
    expect(await desk.chat.getWorkspace('slack', 'T0BETA')).toMatchObject({ accountId: accounts.T0BETA })
  })

  it('never writes a token, secret or API key to the log or a reply', async () => {
    const secrets = [
      ...Object.keys(OAUTH.teams).flatMap((team) => slackApi.tokensOf(team)),
      OAUTH.clientSecret,
      STATE_SECRET,
      TOKEN_KEY,
      SECRET,
      apiKeys.T0ALPHA,
      apiKeys.T0BETA,
    ]
    expect(secrets.length).toBeGreaterThan(8)
    const everything = [...logLines, ...responses.messages.map((m) => JSON.stringify(m.body))].join('\n')
    expect(logLines.length).toBeGreaterThan(0)
    for (const secret of secrets) expect(everything).not.toContain(secret)
    expect(everything).not.toMatch(/xox[bpe]-/)
  })
})
