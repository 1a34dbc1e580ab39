import { describe, expect, it } from 'vitest'
import { redactingLog, redactSecrets } from './redact.ts'

describe('redaction', () => {
  it('cuts out Slack tokens, our keys, JWTs and bearer values', () => {
    const text =
      'xoxb-1-abc xoxe-1-def smsd_ABC123 smso_XYZ789 eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln Bearer s3cr3t client_secret=cs&x=1'
    const out = redactSecrets(text)
    for (const secret of [
      'xoxb-1-abc',
      'xoxe-1-def',
      'smsd_ABC123',
      'smso_XYZ789',
      'eyJhbGci',
      's3cr3t',
      '=cs&',
    ])
      expect(out).not.toContain(secret)
    expect(out).toContain('Bearer [redacted]')
  })

  it('hands the log an error as plain data, without what HTTP clients hang on it', () => {
    const lines: unknown[] = []
    const err = Object.assign(new Error('An API error occurred: invalid_auth for xoxb-9-zzz'), {
      code: 'slack_webapi_platform_error',
      data: { error: 'invalid_auth' },
      original: { config: { headers: { Authorization: 'Bearer xoxb-9-zzz' } } },
    })
    redactingLog((m, e) => lines.push(m, e))('update failed for xoxb-9-zzz', err)
    expect(JSON.stringify(lines)).not.toContain('xoxb-9-zzz')
    expect(lines[1]).toMatchObject({ code: 'slack_webapi_platform_error', error: 'invalid_auth' })
    expect(lines[1]).not.toHaveProperty('original')
  })
})
