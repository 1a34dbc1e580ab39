/**
 * Support bench: time from a staff reply in the Slack support thread (a signed event to `/slack/events`, against
 * the Slack stand-in) to the SSE event reaching the customer's open stream, p50/p99 over 100 replies; beside it, in
 * the same run, the same with `desk.support.staffReply` called in-process (no Slack path) and a bare network round
 * trip of `GET /healthz/live` on the same server. Also the widget chat chunk's gzip size beside the loader and panel.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { messageEventBody, signed, startSlackApiStandin, waitFor } from '../packages/bot/src/testing/index.ts'
import { startServer } from '../packages/server/src/index.ts'
import { WIDGET_CHUNK_DIR, WIDGET_LOADER_FILE, widgetDistDir } from '../packages/widget/src/index.ts'

const REPLIES = 100
const SECRET = 'slack-signing-secret-for-bench'
const TOKEN = 'xoxb-bench-token'
const TEAM = 'T0BENCH'
const CHANNEL = 'C0BENCHQ'
const HEADER = 'X-Conversation-Token'

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ms = (value: number) => `${value.toFixed(2)} ms`

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function summary(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
}

function benchChunkSizes(): void {
  if (!existsSync(join(widgetDistDir, WIDGET_LOADER_FILE))) {
    execFileSync('npm', ['run', 'build', '-w', '@smsdesk/widget'], { stdio: 'inherit' })
  }
  const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length
  console.log('Widget size (gzip -9)')
  console.log(
    `  loader ${WIDGET_LOADER_FILE.padEnd(24)}${kb(gzip(join(widgetDistDir, WIDGET_LOADER_FILE))).padStart(8)}`,
  )
  for (const name of readdirSync(join(widgetDistDir, WIDGET_CHUNK_DIR)).filter((n) => n.endsWith('.js'))) {
    console.log(
      `  chunk ${name.padEnd(25)}${kb(gzip(join(widgetDistDir, WIDGET_CHUNK_DIR, name))).padStart(8)}`,
    )
  }
}

/** An SSE reader over one open stream: resolves when a chunk containing the needle has arrived. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let seen = ''
  return {
    async until(needle: string): Promise<void> {
      while (!seen.includes(needle)) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`the stream ended before ${needle}`)
        seen += decoder.decode(value, { stream: true })
      }
      // Keep only what follows, so the next needle is searched in new data.
      seen = seen.slice(seen.indexOf(needle) + needle.length)
    },
    cancel: () => reader.cancel(),
  }
}

export default async function benchSupport(): Promise<void> {
  benchChunkSizes()
  const slackApi = await startSlackApiStandin({ token: TOKEN, teamId: TEAM })
  const dataDir = await mkdtemp(join(tmpdir(), 'smsdesk-bench-support-'))
  const running = await startServer(
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
  try {
    const res = await fetch(`${running.url}/api/v1/support/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        question: 'How do I text numbers in the USA?',
        name: 'Bench Customer',
        email: 'bench@example.com',
        lang: 'en',
        recentSearches: [],
      }),
    })
    if (res.status !== 201) throw new Error(`could not open a conversation: ${res.status}`)
    const { conversationId, token } = (await res.json()) as { conversationId: string; token: string }
    const threadTs = await waitFor(
      'the thread link',
      async () => (await running.desk.support.get(conversationId)).conversation.thread?.ts,
      5_000,
    )
    const stream = await fetch(`${running.url}/api/v1/support/conversation/events`, {
      headers: { [HEADER]: token },
    })
    const sse = sseReader(stream.body!)
    await sse.until('event: ready')

    const viaSlack: number[] = []
    for (let i = 0; i < REPLIES; i++) {
      const text = `Slack reply number ${i} marker-s${i}x`
      const body = messageEventBody({
        teamId: TEAM,
        userId: 'U0AGENT',
        channelId: CHANNEL,
        text,
        ts: `${Date.now() / 1000 + i / 1_000_000}`,
        threadTs,
      })
      const req = signed(SECRET, body, 'application/json')
      const start = performance.now()
      const arrived = sse.until(`marker-s${i}x`)
      const posted = await fetch(`${running.url}/slack/events`, {
        method: 'POST',
        headers: req.headers,
        body,
      })
      if (posted.status !== 200) throw new Error(`/slack/events answered ${posted.status}`)
      await posted.arrayBuffer()
      await arrived
      viaSlack.push(performance.now() - start)
    }

    const direct: number[] = []
    for (let i = 0; i < REPLIES; i++) {
      const start = performance.now()
      const arrived = sse.until(`marker-d${i}x`)
      await running.desk.support.staffReply(conversationId, {
        text: `Direct reply ${i} marker-d${i}x`,
        staffName: 'Bench',
      })
      await arrived
      direct.push(performance.now() - start)
    }
    await sse.cancel()

    const health: number[] = []
    for (let i = 0; i < REPLIES; i++) {
      const start = performance.now()
      const r = await fetch(`${running.url}/healthz/live`)
      await r.arrayBuffer()
      health.push(performance.now() - start)
    }

    const slack = summary(viaSlack)
    const core = summary(direct)
    const bare = summary(health)
    console.log(`\nStaff reply → SSE event at the client, ${REPLIES} replies on one open stream`)
    console.log(`  signed Slack thread event to /slack/events: p50 ${ms(slack.p50)}  p99 ${ms(slack.p99)}`)
    console.log(`  desk.support.staffReply in-process:         p50 ${ms(core.p50)}  p99 ${ms(core.p99)}`)
    console.log(`  baseline, GET /healthz/live round trip:     p50 ${ms(bare.p50)}  p99 ${ms(bare.p99)}`)
    console.log(`  → the Slack path's p50 is ${(slack.p50 / bare.p50).toFixed(1)}× a bare round trip`)
  } finally {
    await running.stop()
    await rm(dataDir, { recursive: true, force: true })
    await slackApi.close()
  }
}
