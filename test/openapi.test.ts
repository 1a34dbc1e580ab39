/**
 * The served API description is valid — Redocly's lint (zero errors) and swagger-parser — and every operation's
 * real responses, from one run that calls each of them, validate against it (ajv, JSON Schema 2020-12).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { newCallbackSecret } from '@smsdesk/core'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OperatorHarness, startOperatorHarness } from './operator-harness.ts'
import { type Harness, type Reply, VIRTUAL_NUMBER, WEBHOOK_SECRET } from './server-harness.ts'

const METRICS_TOKEN = 'metrics-token-0123456789'
const ROOT = join(import.meta.dirname, '..')
// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON.
type Json = Record<string, any>

let h: OperatorHarness
let doc: Json
const dir = mkdtempSync(join(tmpdir(), 'smsdesk-openapi-'))

beforeAll(async () => {
  h = await startOperatorHarness('sqlite', { METRICS_TOKEN, SUPPORT_ENABLED: '1' })
  doc = (await h.call('GET', '/api/v1/openapi.json', { key: null })).body
})
afterAll(async () => {
  await h.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the API description', () => {
  it('passes `redocly lint` with zero errors (redocly.yaml), offline', () => {
    const file = join(dir, 'openapi.json')
    writeFileSync(file, JSON.stringify(doc))
    let out: string
    try {
      out = execFileSync(
        join(ROOT, 'node_modules/.bin/redocly'),
        ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'],
        {
          encoding: 'utf8',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? err)
    }
    const report = JSON.parse(out.slice(out.indexOf('{'))) as {
      totals: { errors: number }
      problems: { severity: string; message: string; ruleId: string }[]
    }
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(report.totals.errors).toBe(0)
  }, 60_000)

  it('passes swagger-parser’s validation', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy()
  })

  it('gives every operation a unique operationId and public ones `security: []`', () => {
    const ids = operations().map((o) => o.op.operationId)
    expect(ids.every(Boolean)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    expect(doc.paths['/api/v1/status-codes'].get.security).toEqual([])
    expect(doc.paths['/readyz'].get.security).toEqual([])
    expect(doc.webhooks.messageStatus.post.parameters.map((p: Json) => p.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ])
    expect(doc.paths['/api/v1/messages'].post.responses['202'].headers['Idempotent-Replayed']).toBeTruthy()
    expect(doc.paths['/api/v1/balance'].get.responses['429'].headers['Retry-After']).toBeTruthy()
  })
})

describe('real responses of every operation', () => {
  it('validate against the document, at least one per operation', async () => {
    const replies = await exerciseEveryOperation()
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    const hit = new Set<string>()
    const problems: string[] = []
    for (const { method, path, reply } of replies) {
      const found = findOperation(method, path)
      if (!found) {
        problems.push(`${method} ${path}: not in the document`)
        continue
      }
      const response = found.op.responses[String(reply.status)]
      if (!response) {
        problems.push(`${method} ${path}: status ${reply.status} not documented`)
        continue
      }
      hit.add(found.op.operationId)
      const schema = response.content?.['application/json']?.schema
      if (!schema) continue
      const validate = ajv.compile({ ...schema, components: doc.components })
      if (!validate(reply.body))
        problems.push(`${method} ${path} ${reply.status}: ${ajv.errorsText(validate.errors)}`)
    }
    expect(problems).toEqual([])
    const missing = operations()
      .map((o) => o.op.operationId as string)
      .filter((id) => !hit.has(id))
    expect(missing).toEqual([])
  }, 60_000)
})

function operations(): { path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ path, method, op })),
  )
}

function findOperation(method: string, path: string): { op: Json } | undefined {
  const candidates = operations()
    .filter((o) => o.method === method.toLowerCase())
    .filter((o) => new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))
    .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))
  return candidates[0]
}

/** Calls each operation at least once with success (and a few failures), keeping every reply. */
async function exerciseEveryOperation(): Promise<{ method: string; path: string; reply: Reply }[]> {
  const replies: { method: string; path: string; reply: Reply }[] = []
  const call = async (method: string, path: string, opts: Parameters<Harness['call']>[2] = {}) => {
    const reply = await h.call(method, path, opts)
    replies.push({ method, path: path.split('?')[0]!, reply })
    return reply
  }
  const { sender, viewer, admin } = h.keys

  const sendBody = {
    sender: 'Anna',
    body: 'Hej',
    recipients: ['+46701234201'],
    statusCallbackUrl: 'https://hooks.example.test/s',
  }
  const sent = await call('POST', '/api/v1/messages', {
    key: sender,
    body: sendBody,
    headers: { 'Idempotency-Key': 'openapi-1' },
  })
  const replay = await call('POST', '/api/v1/messages', {
    key: sender,
    body: sendBody,
    headers: { 'Idempotency-Key': 'openapi-1' },
  })
  expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
  const id: string = sent.body.messages[0].id
  await call('POST', '/api/v1/messages', { key: viewer, body: sendBody })
  await call('POST', '/api/v1/messages', { key: sender, body: { sender: '' } })
  await call('POST', '/api/v1/messages', { key: null, body: sendBody })
  await call('GET', '/api/v1/messages', { key: viewer })
  await call('GET', `/api/v1/messages/${id}`, { key: viewer })
  await call('GET', '/api/v1/messages/msg_nope', { key: viewer })
  await call('PUT', '/api/v1/blocklist/+46701234209', { key: admin })
  await call('POST', '/api/v1/messages/quote', {
    key: viewer,
    body: { sender: 'Anna', body: 'Hej', recipients: ['+46701234201', '+46701234209'] },
  })
  await call('POST', `/api/v1/messages/${id}/cancel`, { key: sender })
  await call('PUT', '/api/v1/templates/booking', {
    key: sender,
    body: { body: 'Hej {firstName|vän}! Tid {date}.' },
  })
  await call('PUT', '/api/v1/templates/booking', { key: viewer, body: { body: 'x' } })
  await call('PUT', '/api/v1/templates/bad%20name', { key: sender, body: { body: 'x' } })
  await call('GET', '/api/v1/templates', { key: viewer })
  await call('GET', '/api/v1/templates/booking', { key: viewer })
  await call('GET', '/api/v1/templates/nope', { key: viewer })
  await call('POST', '/api/v1/messages', {
    key: sender,
    body: { sender: 'Anna', recipients: ['+46701234201'], template: 'booking', variables: { date: '14:00' } },
  })
  await call('DELETE', '/api/v1/templates/booking', { key: sender })
  await call('DELETE', '/api/v1/templates/booking', { key: sender })

  await call('GET', '/api/v1/account', { key: viewer })
  await call('GET', '/api/v1/balance', { key: viewer })
  await call('GET', '/api/v1/balance/ledger', { key: viewer })
  await call('POST', '/api/v1/balance/top-ups', { key: admin, body: { amount: 1000, note: 'test' } })
  await call('GET', '/api/v1/senders', { key: viewer })
  await call('PUT', '/api/v1/senders/Anna', { key: admin, body: {} })

  const op = h.operatorKey
  const acc = h.accountId
  await call('GET', '/api/v1/operator/accounts', { key: op })
  await call('POST', '/api/v1/operator/accounts', { key: op, body: { name: 'Ny AB' } })
  await call('GET', `/api/v1/operator/accounts/${acc}`, { key: op })
  await call('PATCH', `/api/v1/operator/accounts/${acc}`, { key: op, body: { name: 'Frisör Anna AB' } })
  await call('POST', `/api/v1/operator/accounts/${acc}/users`, {
    key: op,
    body: { name: 'Op', role: 'viewer' },
  })
  await call('POST', `/api/v1/operator/accounts/${acc}/api-keys`, { key: op, body: {} })
  await call('POST', `/api/v1/operator/accounts/${acc}/credits`, {
    key: op,
    body: { amount: 1000, note: 'x' },
  })
  await call('GET', `/api/v1/operator/accounts/${acc}/price-list`, { key: op })
  await call('GET', `/api/v1/operator/accounts/${acc}/senders`, { key: op })
  await call('PUT', `/api/v1/operator/accounts/${acc}/senders/Anna`, {
    key: op,
    body: { decision: 'approved' },
  })
  await call('PUT', `/api/v1/operator/accounts/${acc}/campaigns/north-america`, { key: op, body: {} })
  await call('DELETE', `/api/v1/operator/accounts/${acc}/campaigns/north-america`, { key: op })
  await call('PUT', `/api/v1/operator/accounts/${acc}/virtual-numbers/+46700000009`, { key: op })
  await call('DELETE', `/api/v1/operator/accounts/${acc}/virtual-numbers/+46700000009`, { key: op })
  await call('GET', `/api/v1/operator/messages/${id}`, { key: op })
  await call('GET', '/api/v1/operator/messages', { key: op })
  await call('GET', '/api/v1/operator/inbound', { key: op })
  await call('GET', '/api/v1/operator/audit', { key: op })
  await call('GET', `/api/v1/operator/accounts/${acc}/opt-out-service`, { key: op })
  await call('PUT', `/api/v1/operator/accounts/${acc}/opt-out-service`, {
    key: op,
    body: { link: true, reply: false },
  })
  await call('GET', '/api/v1/opt-out-settings', { key: viewer })
  await call('PUT', '/api/v1/opt-out-settings', { key: admin, body: { mode: 'link', lang: 'sv' } })

  const contact = await call('POST', '/api/v1/contacts', {
    key: admin,
    body: { number: '070-123 45 67', firstName: 'Ada', groups: ['VIP'] },
  })
  await call('GET', '/api/v1/contacts', { key: viewer })
  await call('GET', `/api/v1/contacts/${contact.body.id}`, { key: viewer })
  await call('PATCH', `/api/v1/contacts/${contact.body.id}`, { key: admin, body: { lastName: 'L' } })
  await call('GET', '/api/v1/groups', { key: viewer })
  await call('DELETE', `/api/v1/contacts/${contact.body.id}`, { key: admin })

  await call('GET', '/api/v1/blocklist', { key: viewer })
  await call('DELETE', '/api/v1/blocklist/+46701234209', { key: admin })
  await call('POST', '/api/v1/opt-out-links', { key: sender, body: { number: '+46701234201' } })

  const callbacks = h.desk.callbacks.start({
    secret: newCallbackSecret(),
    fetch: (async () => new Response(null, { status: 500 })) as unknown as typeof fetch,
    allowPrivateNetworks: true,
    pollMs: 60_000,
  })
  await callbacks.runOnce()
  await callbacks.stop()
  const deliveries = await call('GET', `/api/v1/callbacks?messageId=${id}`, { key: viewer })
  await call('POST', `/api/v1/callbacks/${deliveries.body.items[0].id}/redeliver`, { key: sender })

  await call('GET', '/api/v1/users', { key: admin })
  const user = await call('POST', '/api/v1/users', { key: admin, body: { name: 'New', role: 'viewer' } })
  await call('GET', '/api/v1/api-keys', { key: admin })
  const issued = await call('POST', '/api/v1/api-keys', { key: admin, body: { userId: user.body.id } })
  await call('DELETE', `/api/v1/api-keys/${issued.body.info.id}`, { key: admin })

  await call('POST', '/api/v1/simulator/inbound', {
    key: admin,
    body: { from: '+46701234567', to: VIRTUAL_NUMBER, body: 'Hej' },
  })
  await call('GET', '/api/v1/status-codes', { key: null })
  await call('GET', '/api/v1/status-codes/201', { key: null })
  await call('GET', '/api/v1/status-codes/Teleported', { key: null })

  await call('GET', '/healthz', { key: null })
  await call('GET', '/healthz/live', { key: null })
  await call('GET', '/readyz', { key: null })
  await call('GET', '/metrics', { key: METRICS_TOKEN })
  await call('GET', '/metrics', { key: null })
  await call('GET', '/api/v1/widget/config', { key: null })
  await call('POST', '/api/v1/widget/faq/feedback', {
    key: null,
    body: { article: 'blocklist.sv', lang: 'sv', helpful: false },
  })
  await call('POST', '/api/v1/widget/faq/feedback', {
    key: null,
    body: { article: 'nope.sv', lang: 'sv', helpful: true },
  })
  await call('POST', '/api/v1/widget/faq/feedback', { key: null, body: { article: 'blocklist.sv' } })
  await call('POST', '/api/v1/widget/faq/miss', { key: null, body: { query: 'faktura', lang: 'sv' } })
  await call('GET', '/api/v1/operator/faq-report', { key: h.operatorKey })
  await call('GET', '/api/v1/operator/faq-drafts?status=pending', { key: h.operatorKey })
  await call('GET', '/api/v1/support/availability', { key: null })
  const asked = await call('POST', '/api/v1/support/conversations', {
    key: null,
    body: { question: 'Hjälp?', name: 'Anna', email: 'anna@example.com', recentSearches: ['usa'] },
  })
  await call('POST', '/api/v1/support/conversations', {
    key: null,
    body: { question: '<b>x</b>', name: 'A' },
  })
  const conversation = { key: null, headers: { 'X-Conversation-Token': asked.body.token } }
  await call('POST', '/api/v1/support/conversation/messages', { ...conversation, body: { text: 'Mer' } })
  await call('GET', '/api/v1/support/conversation', conversation)
  // The stream itself stays open; the documented refusal is what a single reply can show.
  await call('GET', '/api/v1/support/conversation/events', {
    key: null,
    headers: { 'X-Conversation-Token': 'x' },
  })
  await call('DELETE', '/api/v1/support/conversation', conversation)
  await call('GET', '/api/v1/support/conversation', conversation)
  await call('GET', '/api/v1/faq/search?q=l%C3%B6senord', { key: null })
  await call('GET', '/api/v1/faq/search?q=201&lang=en', { key: null })
  await call('GET', '/api/v1/faq/search', { key: null })
  const articles = await call('GET', '/api/v1/faq/articles?lang=en', { key: null })
  await call('GET', `/api/v1/faq/articles/${articles.body.articles[0].id}`, { key: null })
  await call('GET', '/api/v1/faq/articles/nope', { key: null })

  const webhook = { key: null, headers: { 'X-Webhook-Secret': WEBHOOK_SECRET }, body: [] }
  await call('POST', '/webhooks/ip1/delivery-reports', webhook)
  await call('POST', `/webhooks/ip1/delivery-reports/${WEBHOOK_SECRET}`, { key: null, body: [] })
  await call('POST', '/webhooks/ip1/inbound', webhook)
  await call('POST', `/webhooks/ip1/inbound/${WEBHOOK_SECRET}`, { key: null, body: [] })
  await call('POST', '/webhooks/ip1/inbound', { key: null, body: [] })
  return replies
}
