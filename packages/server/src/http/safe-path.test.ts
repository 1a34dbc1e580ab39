import { describe, expect, it } from 'vitest'
import { safePath } from './safe-path.ts'

describe('safePath', () => {
  it('masks opt-out tokens, webhook secrets in any shape and key-shaped segments', () => {
    expect(safePath('/u/smso_abc123')).toBe('/u/***')
    expect(safePath('/u/anything/else')).toBe('/u/***/***')
    expect(safePath('/webhooks/ip1/delivery-reports/s3cret-s3cret-s3cret')).toBe(
      '/webhooks/ip1/delivery-reports/***',
    )
    expect(safePath('/webhooks/ip1/inbound/s3cret/extra')).toBe('/webhooks/ip1/inbound/***/***')
    expect(safePath('/webhooks/ip1/s3cret-s3cret-s3cret')).toBe('/webhooks/ip1/***')
    expect(safePath('/webhooks/s3cret-s3cret-s3cret/ip1/inbound')).toBe('/webhooks/***/ip1/inbound')
    expect(safePath('/WEBHOOKS/ip1/inbound/s3cret')).toBe('/WEBHOOKS/ip1/inbound/***')
    expect(safePath('/api/v1/keys/smsd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe('/api/v1/keys/***')
    expect(safePath('/x/WHSEC_abc')).toBe('/x/***')
    expect(safePath('/x/%73msd_abc')).toBe('/x/***')
  })

  it('leaves ordinary paths alone', () => {
    expect(safePath('/api/v1/messages/msg_0k2x7c9q1v3w8z4h')).toBe('/api/v1/messages/msg_0k2x7c9q1v3w8z4h')
    expect(safePath('/webhooks/ip1/inbound')).toBe('/webhooks/ip1/inbound')
    expect(safePath('/')).toBe('/')
  })
})
