/** A compiled server's whole output, after routes were called with every secret and token, contains none of them. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freePort, MAIN, start, waitForHealth } from './server-process.ts'

const SECRETS = {
  BOOTSTRAP_API_KEY: `smsd_${'S3cr3tKey'.repeat(3)}abcde`,
  WEBHOOK_SECRET: 'webhook-s3cret-0123456789',
  CALLBACK_SIGNING_SECRET: 'whsec_c2VjcmV0LWNhbGxiYWNrLWtleS0wMTIzNDU2Nzg5',
  METRICS_TOKEN: 'metrics-s3cret-0123456789',
}

describe('secrets in the logs', () => {
  it('never appear, whatever path shape carries them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-secrets-'))
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const server = start(MAIN, { ...SECRETS, PORT: String(port), DATA_DIR: dir, LOG_LEVEL: 'debug' })
    const used: string[] = Object.values(SECRETS)
    try {
      await waitForHealth(base, server)
      const key = SECRETS.BOOTSTRAP_API_KEY
      const auth = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }
      const link = await fetch(`${base}/api/v1/opt-out-links`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ number: '+46701234567' }),
      })
      const token: string = ((await link.json()) as { token: string }).token
      used.push(token)
      const issued = await fetch(`${base}/api/v1/api-keys`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({}),
      })
      const newKey = ((await issued.json()) as { key?: string }).key
      if (newKey) used.push(newKey)
      const w = SECRETS.WEBHOOK_SECRET
      for (const [method, path, headers] of [
        ['GET', `/u/${token}`, {}],
        ['POST', `/u/${token}`, {}],
        ['GET', `/u/${token}/extra`, {}],
        ['POST', `/webhooks/ip1/delivery-reports/${w}`, {}],
        ['POST', `/webhooks/ip1/inbound/${w}`, {}],
        ['POST', `/webhooks/ip1/delivery-reports/${w}/`, {}],
        ['POST', `/webhooks/ip1/${w}`, {}],
        ['POST', `/webhooks/${w}/ip1/inbound`, {}],
        ['POST', `/webhooks/ip1/inbound`, { 'X-Webhook-Secret': w }],
        ['GET', `/api/v1/messages/${key}`, auth],
        ['GET', `/api/v1/${SECRETS.CALLBACK_SIGNING_SECRET}`, auth],
        ['GET', '/metrics', { Authorization: `Bearer ${SECRETS.METRICS_TOKEN}` }],
        ['GET', '/metrics', { Authorization: `Bearer ${SECRETS.METRICS_TOKEN}x` }],
        ['GET', `/api/v1/balance`, { Authorization: `Bearer ${key}x` }],
      ] as const) {
        await fetch(`${base}${path}`, { method, headers, ...(method === 'POST' ? { body: '[]' } : {}) })
      }
      const metrics = await (
        await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${SECRETS.METRICS_TOKEN}` } })
      ).text()
      for (const s of used) expect(metrics).not.toContain(s)
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
      rmSync(dir, { recursive: true, force: true })
    }
    const output = server.stdout.join('') + server.stderr.join('')
    expect(output).toContain('"path":"/u/***"')
    expect(output).toContain('"path":"/webhooks/ip1/***"')
    for (const s of used) expect(output, 'a secret reached the output').not.toContain(s)
    // Parts of one would be a leak too: a long-enough slice of each.
    for (const s of used) expect(output).not.toContain(s.slice(-12))
  }, 60_000)
})
