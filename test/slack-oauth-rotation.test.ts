/**
 * Slack OAuth with token rotation on: the refresh token is stored sealed, and a bot token due to expire is refreshed
 * through `oauth.v2.access` before the request that needs it runs.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  signed,
  slashCommandBody,
  startResponseUrlStandin,
  startSlackApiStandin,
  waitFor,
} from '@smsdesk/bot/testing'
import { startServer } from '@smsdesk/server'
import { describe, expect, it } from 'vitest'

const SECRET = 'slack-signing-secret-for-rotation-tests'
const OAUTH = {
  clientId: '1111.3333',
  clientSecret: 'client-secret-for-rotation-tests',
  teams: { T0ALPHA: 'Alpha AB' },
}

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

describe('Slack OAuth with token rotation', () => {
  it('stores the refresh token sealed and refreshes an expiring bot token before using it', async () => {
    const rotating = await startSlackApiStandin({ oauth: { ...OAUTH, rotateAfterSeconds: 3_600 } })
    const responses = await startResponseUrlStandin()
    const dir = await mkdtemp(join(tmpdir(), 'smsdesk-slack-rotation-'))
    const port = await freePort()
    const server = await startServer(
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_CLIENT_ID: OAUTH.clientId,
        SLACK_CLIENT_SECRET: OAUTH.clientSecret,
        SLACK_STATE_SECRET: 'state-secret-for-rotation-tests',
        SLACK_TOKEN_KEY: 'token-key-for-rotation-tests-0123456789abcdef',
        SLACK_API_URL: rotating.apiUrl,
      },
      { announce: () => {} },
    )
    try {
      const page = await fetch(`${server.url}/slack/install`)
      const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
      const href = /href="([^"]+)"/.exec(await page.text())?.[1]?.replace(/&#38;/g, '&') ?? ''
      const authorize = new URL(href)
      authorize.searchParams.set('team', 'T0ALPHA')
      const back = (await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? ''
      expect((await fetch(back, { headers: { cookie } })).status).toBe(200)
      const stored = await server.desk.slackInstallations.find({ teamId: 'T0ALPHA' })
      expect(stored?.botRefreshTokenSealed).toBeTruthy()
      expect(stored?.botRefreshTokenSealed).not.toContain('xoxe')
      expect(stored?.botTokenExpiresAt).toBeGreaterThan(Date.now() / 1000)

      // An hour left is within InstallProvider's two-hour window: the next request refreshes first.
      const id = 'rotation-1'
      const body = slashCommandBody({
        text: 'help',
        teamId: 'T0ALPHA',
        userId: 'U1',
        channelId: 'C0ALPHA',
        responseUrl: responses.urlFor(id),
      })
      const req = signed(SECRET, body, 'application/x-www-form-urlencoded')
      expect(
        (await fetch(`${server.url}/slack/events`, { method: 'POST', headers: req.headers, body })).status,
      ).toBe(200)
      await waitFor('the answer to help', () => responses.messagesFor(id)[0])
      await waitFor('a refreshed token', () => (rotating.tokensOf('T0ALPHA').length >= 2 ? true : undefined))
      const refreshed = await server.desk.slackInstallations.find({ teamId: 'T0ALPHA' })
      expect(refreshed?.botTokenSealed).not.toBe(stored?.botTokenSealed)
      expect(rotating.callsTo('oauth.v2.access').some((c) => c.args.grant_type === 'refresh_token')).toBe(
        true,
      )
    } finally {
      await server.stop()
      await rotating.close()
      await responses.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
