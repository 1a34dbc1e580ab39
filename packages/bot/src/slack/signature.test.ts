import { describe, expect, it } from 'vitest'
import { SlackRequestVerifier, signSlackBody } from './signature.ts'
import { slackToPlainText } from './text.ts'

const secret = '8f742231b10e8888abcd99yyyzzz85a5'
const body = 'token=x&team_id=T1&text=balance'

describe('SlackRequestVerifier', () => {
  const nowSeconds = 1_760_000_000
  const verifier = () => new SlackRequestVerifier(secret, () => nowSeconds * 1000)

  it('accepts a correctly signed fresh request once, and rejects its replay', () => {
    const v = verifier()
    const h = signSlackBody(secret, body, nowSeconds - 10)
    expect(v.verify(h['x-slack-request-timestamp'], h['x-slack-signature'], body)).toBe(true)
    expect(v.verify(h['x-slack-request-timestamp'], h['x-slack-signature'], body)).toBe(false)
  })

  it('rejects a wrong secret, a changed body, stale and future timestamps and junk headers', () => {
    const v = verifier()
    const good = signSlackBody(secret, body, nowSeconds)
    const forged = signSlackBody('another-secret', body, nowSeconds)
    expect(v.verify(forged['x-slack-request-timestamp'], forged['x-slack-signature'], body)).toBe(false)
    expect(v.verify(good['x-slack-request-timestamp'], good['x-slack-signature'], `${body}&x=1`)).toBe(false)
    const stale = signSlackBody(secret, body, nowSeconds - 301)
    expect(v.verify(stale['x-slack-request-timestamp'], stale['x-slack-signature'], body)).toBe(false)
    const future = signSlackBody(secret, body, nowSeconds + 301)
    expect(v.verify(future['x-slack-request-timestamp'], future['x-slack-signature'], body)).toBe(false)
    expect(v.verify(null, good['x-slack-signature'], body)).toBe(false)
    expect(v.verify(good['x-slack-request-timestamp'], null, body)).toBe(false)
    expect(v.verify('12.5', good['x-slack-signature'], body)).toBe(false)
    expect(v.verify(good['x-slack-request-timestamp'], 'v1=abc', body)).toBe(false)
    // The good one was never used above, so it still passes.
    expect(v.verify(good['x-slack-request-timestamp'], good['x-slack-signature'], body)).toBe(true)
  })

  it('keeps rejecting an old signature after its window, by its timestamp', () => {
    let now = nowSeconds * 1000
    const v = new SlackRequestVerifier(secret, () => now)
    const h = signSlackBody(secret, body, nowSeconds)
    expect(v.verify(h['x-slack-request-timestamp'], h['x-slack-signature'], body)).toBe(true)
    now += 400_000
    // Still rejected — by the timestamp check now, not the memory.
    expect(v.verify(h['x-slack-request-timestamp'], h['x-slack-signature'], body)).toBe(false)
  })
})

describe('slackToPlainText', () => {
  it('unwraps what Slack escapes in command text', () => {
    expect(slackToPlainText('grant <@U123ABC|anna> sender')).toBe('grant <@U123ABC> sender')
    expect(slackToPlainText('send <tel:+46701234567|+46 70 123 45 67> Tom &amp; Jerry &lt;3')).toBe(
      'send +46701234567 Tom & Jerry <3',
    )
    expect(
      slackToPlainText('send 0701234567 see <https://example.com|example.com> <#C1|general> <!here>'),
    ).toBe('send 0701234567 see https://example.com #general @here')
    expect(slackToPlainText('send 0701234567 &lt;@U999&gt; is literal')).toBe(
      'send 0701234567 <@U999> is literal',
    )
  })
})
