import { describe, expect, it } from 'vitest'
import { DEFAULT_SERVICE_URL_HOSTS } from '../config.ts'
import { isAllowedServiceUrl, isPlausibleBearer } from './gate.ts'

const authenticated = { auth: 'authenticated', serviceUrlHosts: DEFAULT_SERVICE_URL_HOSTS } as const
const unauthenticated = { auth: 'unauthenticated', serviceUrlHosts: DEFAULT_SERVICE_URL_HOSTS } as const

describe('serviceUrl gate', () => {
  it("allows the Bot Framework's documented hosts over https only", () => {
    for (const url of [
      'https://smba.trafficmanager.net/teams/',
      'https://smba.trafficmanager.net/emea/',
      'https://webchat.botframework.com/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
    ])
      expect([url, isAllowedServiceUrl(url, authenticated)]).toEqual([url, true])
    for (const url of [
      'http://smba.trafficmanager.net/teams/',
      'https://smba.trafficmanager.net.attacker.example/',
      'https://botframework.com.attacker.example/',
      'https://evilbotframework.com/',
      'https://user:pw@smba.trafficmanager.net/',
      'http://127.0.0.1:3978/',
      'not a url',
      42,
    ])
      expect([url, isAllowedServiceUrl(url, authenticated)]).toEqual([url, false])
  })

  it('allows only loopback without authentication', () => {
    expect(isAllowedServiceUrl('http://127.0.0.1:3978/', unauthenticated)).toBe(true)
    expect(isAllowedServiceUrl('http://localhost:3978/', unauthenticated)).toBe(true)
    expect(isAllowedServiceUrl('http://[::1]:3978/', unauthenticated)).toBe(true)
    expect(isAllowedServiceUrl('https://smba.trafficmanager.net/teams/', unauthenticated)).toBe(false)
    expect(isAllowedServiceUrl('http://127.0.0.1.nip.io/', unauthenticated)).toBe(false)
    expect(isAllowedServiceUrl('file:///etc/passwd', unauthenticated)).toBe(false)
  })
})

describe('bearer shape', () => {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const now = 1_800_000_000
  const token = (alg: string, exp: number) => `Bearer ${part({ alg })}.${part({ exp })}.c2ln`
  it('takes an unexpired RS256-family JWT and nothing else', () => {
    expect(isPlausibleBearer(token('RS256', now + 60), now)).toBe(true)
    expect(isPlausibleBearer(token('RS256', now - 60), now)).toBe(true)
    expect(isPlausibleBearer(token('RS256', now - 3_600), now)).toBe(false)
    expect(isPlausibleBearer(token('none', now + 60), now)).toBe(false)
    expect(isPlausibleBearer(token('HS256', now + 60), now)).toBe(false)
    expect(isPlausibleBearer(null, now)).toBe(false)
    expect(isPlausibleBearer('Bearer abc', now)).toBe(false)
  })
})
