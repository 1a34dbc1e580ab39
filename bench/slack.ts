/**
 * Slash-command acknowledgement latency: 100 concurrent, correctly signed `/sms balance` requests against the
 * server's /slack/events, several rounds. Slack needs the ack within 3 s; we aim for p99 under 100 ms.
 * Baseline: a bare node:http server answering 200 to the same concurrent load, on the same machine, same run.
 */

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createBot, loadBotConfig } from '@smsdesk/bot'
import {
  signed,
  slashCommandBody,
  startResponseUrlStandin,
  startSlackApiStandin,
  waitFor,
} from '@smsdesk/bot/testing'
import { createTestDesk } from '@smsdesk/core/testing'
import { Hono } from 'hono'

const CONCURRENCY = 100
const ROUNDS = 5
const SECRET = 'bench-signing-secret'
const TOKEN = 'xoxb-bench'

export default async function benchSlack(): Promise<void> {
  const slackApi = await startSlackApiStandin({ token: TOKEN })
  const responses = await startResponseUrlStandin()
  const desk = await createTestDesk('sqlite')
  const account = await desk.createAccount({ name: 'Bench', balance: 100_000 })
  const admin = await desk.createUser(account.id, { name: 'Bench', role: 'admin' })
  const { key } = await desk.issueApiKey(account.id, admin.id)
  const bot = createBot(
    desk,
    loadBotConfig({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
      BOT_TEAMS: 'off',
    }),
    () => {},
  )
  const app = new Hono()
  const slack = bot.slack
  if (!slack) throw new Error('bench: the Slack handler is not configured')
  app.post('/slack/events', (c) => slack.fetch(c.req.raw))
  const { close, url } = await listen(app.fetch)
  const baseline = await startBaseline()

  try {
    let n = 0
    let toSlack = 0
    const command = (text: string) => {
      const id = `bench-${++n}`
      const body = slashCommandBody({
        text,
        teamId: 'TBENCH',
        userId: 'UBENCH',
        channelId: 'CBENCH',
        responseUrl: responses.urlFor(id),
        triggerId: id,
      })
      return signed(SECRET, body, 'application/x-www-form-urlencoded')
    }
    const ackOnce = async (target: string, text: string): Promise<number> => {
      const req = command(text)
      if (target.endsWith('/slack/events')) toSlack++
      const started = performance.now()
      const res = await fetch(target, { method: 'POST', headers: req.headers, body: req.body })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`bench: ${target} answered ${res.status}`)
      return performance.now() - started
    }

    await ackOnce(`${url}/slack/events`, `connect ${key}`)
    for (let i = 0; i < 20; i++) await ackOnce(`${url}/slack/events`, 'balance')
    await ackOnce(baseline.url, 'warm-up')

    const acks: number[] = []
    const bare: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(...(await Promise.all(Array.from({ length: CONCURRENCY }, () => ackOnce(baseline.url, 'x')))))
      acks.push(
        ...(await Promise.all(
          Array.from({ length: CONCURRENCY }, () => ackOnce(`${url}/slack/events`, 'balance')),
        )),
      )
    }
    // Every acknowledged command must also get its real answer; otherwise a fast ack would be hiding lost work.
    await waitFor('every answer on its response_url', () => responses.messages.length >= toSlack, 60_000)

    const [p50, p99] = [percentile(acks, 50), percentile(acks, 99)]
    const [b50, b99] = [percentile(bare, 50), percentile(bare, 99)]
    console.log(`slash-command ack, ${CONCURRENCY} concurrent × ${ROUNDS} rounds (${acks.length} requests)`)
    console.log(
      `  smsdesk /slack/events   p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   (aim p99 < 100 ms; Slack allows 3000 ms)`,
    )
    console.log(`  baseline bare node:http p50 ${b50.toFixed(1)} ms   p99 ${b99.toFixed(1)} ms`)
    console.log(
      `  ratio p99 ${(p99 / b99).toFixed(1)}×   answers delivered via response_url: ${responses.messages.length}`,
    )
  } finally {
    await close()
    await baseline.close()
    await bot.close()
    await desk.close()
    await responses.close()
    await slackApi.close()
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  return new Promise<{ url: string; close(): Promise<void> }>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    )
  })
}

async function startBaseline() {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
