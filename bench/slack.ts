/**
 * Slash-command acknowledgement latency: 100 concurrent, correctly signed `/sms balance` requests against the
 * server's /slack/events, several rounds. Slack needs the ack within 3 s; we aim for p99 under 100 ms.
 * Baseline: a bare node:http server answering 200 to the same concurrent load, on the same machine, same run.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { startSlackApiStandin, waitFor } from '@smsdesk/bot/testing'
import { startServer } from '@smsdesk/server'

const CONCURRENCY = 100
const ROUNDS = 5
const SECRET = 'bench-signing-secret'
const TOKEN = 'xoxb-bench'

export default async function benchSlack(): Promise<void> {
  const slackApi = await startSlackApiStandin({ token: TOKEN })
  // In production response_url is Slack's server, not ours: the receiver runs in its own thread here too.
  const responses = await startResponseSink()
  const dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-bench-slack-'))
  const server = await startServer(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
      BOT_TEAMS: 'off',
    },
    { announce: () => {} },
  )
  const key = server.bootstrap?.apiKey ?? ''
  const url = server.url
  const baseline = await startBaseline()

  try {
    const load = (target: string, text: string, rounds: number, concurrency: number) =>
      runLoad({ target, text, rounds, concurrency, secret: SECRET, responseUrl: responses.url })
    await load(`${url}/slack/events`, `connect ${key}`, 0, 1)
    await load(`${url}/slack/events`, 'balance', 1, 10)

    const bare = await load(baseline.url, 'x', ROUNDS, CONCURRENCY)
    const acks = await load(`${url}/slack/events`, 'balance', ROUNDS, CONCURRENCY)
    // Every acknowledged command must also get its real answer; otherwise a fast ack would be hiding lost work.
    const expected = 1 + 20 + (ROUNDS + 1) * CONCURRENCY
    await waitFor(
      'every answer on its response_url',
      async () => (await responses.count()) >= expected,
      120_000,
    )

    const [p50, p99] = [percentile(acks, 50), percentile(acks, 99)]
    const [b50, b99] = [percentile(bare, 50), percentile(bare, 99)]
    console.log(
      `slash-command ack, ${CONCURRENCY} concurrent × ${ROUNDS} rounds (${acks.length} signed requests)`,
    )
    console.log(
      `  smsdesk /slack/events   p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   (aim p99 < 100 ms; Slack allows 3000 ms)`,
    )
    console.log(`  baseline bare node:http p50 ${b50.toFixed(1)} ms   p99 ${b99.toFixed(1)} ms`)
    console.log(
      `  ratio p99 ${(p99 / b99).toFixed(1)}×   answers delivered via response_url: ${await responses.count()}/${expected}`,
    )
  } finally {
    await server.stop()
    await baseline.close()
    await rm(dataDir, { recursive: true, force: true })
    await responses.close()
    await slackApi.close()
  }
}

/**
 * Fires `rounds` waves of `concurrency` simultaneous signed slash commands from a worker thread (its own event
 * loop, so the client does not queue behind the server) over keep-alive connections; returns each latency in ms.
 */
function runLoad(options: {
  target: string
  text: string
  rounds: number
  concurrency: number
  secret: string
  responseUrl: string
}): Promise<number[]> {
  const worker = new Worker(LOAD_CLIENT, { eval: true, workerData: options })
  return new Promise((resolve, reject) => {
    worker.once('message', (latencies: number[]) => resolve(latencies))
    worker.once('error', reject)
  })
}

/** Plain JavaScript: worker threads do not go through tsx. Signs every request freshly, as Slack does. */
const LOAD_CLIENT = `
const { workerData, parentPort } = require('node:worker_threads')
const http = require('node:http')
const { createHmac } = require('node:crypto')
const { target, text, rounds, concurrency, secret, responseUrl } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
let n = 0
function once() {
  n++
  const body = new URLSearchParams({ token: 'x', team_id: 'TBENCH', channel_id: 'CBENCH', user_id: 'UBENCH',
    command: '/sms', text, response_url: responseUrl, trigger_id: 'bench-' + process.pid + '-' + n + '-' + Math.random() }).toString()
  const ts = Math.floor(Date.now() / 1000)
  const signature = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex')
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } }, (res) => {
      res.resume()
      res.on('end', () => res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error('status ' + res.statusCode)))
    })
    req.on('error', reject)
    req.end(body)
  })
}
;(async () => {
  const latencies = []
  // One unrecorded round first, so the measured ones reuse open keep-alive connections (as Slack's would).
  await Promise.all(Array.from({ length: concurrency }, once))
  for (let r = 0; r < rounds; r++) latencies.push(...(await Promise.all(Array.from({ length: concurrency }, once))))
  agent.destroy()
  parentPort.postMessage(latencies)
})()
`

/** A response_url receiver in a worker thread that only counts what it is sent (a GET returns the count). */
async function startResponseSink(): Promise<{
  url: string
  count(): Promise<number>
  close(): Promise<void>
}> {
  const worker = new Worker(SINK, { eval: true })
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  const url = `http://127.0.0.1:${port}/respond`
  return {
    url,
    count: async () => Number(await (await fetch(url)).text()),
    close: async () => {
      await worker.terminate()
    },
  }
}

const SINK = `
const { parentPort } = require('node:worker_threads')
const http = require('node:http')
let count = 0
const server = http.createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    if (req.method === 'POST') count++
    res.end(req.method === 'POST' ? '{"ok":true}' : String(count))
  })
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
`

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
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
