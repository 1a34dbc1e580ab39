/** `GET /metrics`: off without METRICS_TOKEN, bearer-protected with it, route patterns as labels, never raw paths. */
import { afterEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './server-harness.ts'

const TOKEN = 'metrics-token-0123456789'

describe('/metrics', () => {
  let h: Harness | undefined
  afterEach(() => h?.close())

  it('is off without METRICS_TOKEN', async () => {
    h = await startHarness('sqlite')
    expect((await h.call('GET', '/metrics', { key: null })).status).toBe(404)
  })

  it('wants the token, then shows requests by route pattern, statuses, dispatch and Node figures', async () => {
    h = await startHarness('sqlite', { METRICS_TOKEN: TOKEN })
    expect((await h.call('GET', '/metrics', { key: null })).status).toBe(401)
    expect((await h.call('GET', '/metrics', { key: 'wrong-token-0123456789' })).status).toBe(401)

    const sent = await h.call('POST', '/api/v1/messages', {
      key: h.keys.sender,
      body: { sender: 'Anna', body: 'Hej', recipients: ['+46701234201'] },
    })
    expect(sent.status).toBe(202)
    const id: string = sent.body.messages[0].id
    expect((await h.call('GET', `/api/v1/messages/${id}`)).status).toBe(200)
    // Status changes after sending are counted as they happen: the dispatcher's 110 Sending, for one.
    await h.desk.dispatcher.start({ pollMs: 60_000 }).runOnce()
    await h.call('GET', '/u/smso_not-a-real-token')
    await h.call('GET', '/no/such/path')

    const res = await h.call('GET', '/metrics', { key: TOKEN })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/)
    const text = res.text
    expect(text).toMatch(
      /smsdesk_http_requests_total\{method="POST",route="\/api\/v1\/messages",status="202"\} 1/,
    )
    expect(text).toMatch(
      /smsdesk_http_requests_total\{method="GET",route="\/api\/v1\/messages\/:id",status="200"\} 1/,
    )
    expect(text).toMatch(/route="\/u\/:token"/)
    expect(text).toMatch(/route="unmatched",status="404"/)
    expect(text).toMatch(
      /smsdesk_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/v1\/messages\/:id"\}/,
    )
    expect(text).toMatch(/smsdesk_message_statuses_total\{code="110",name="Sending"\} 1/)
    expect(text).toContain('nodejs_eventloop_lag_seconds')
    expect(text).toContain('smsdesk_gateway_errors_total')
    expect(text).toContain('smsdesk_callback_deliveries_total')
    // No id, token or path from the requests above is a label.
    expect(text).not.toContain(id)
    expect(text).not.toContain('smso_')
    expect(text).not.toContain('/no/such/path')
  })
})
