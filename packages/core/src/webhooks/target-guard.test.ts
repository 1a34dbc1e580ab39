/** The private-network check for callback targets, and the poster that pins its connection to checked addresses. */
import type { LookupAddress } from 'node:dns'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createPinnedPoster } from './pinned-post.ts'
import { checkCallbackTarget, privateAddressReason, type Resolver } from './target-guard.ts'

describe('privateAddressReason', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fc12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '2002:c0a8:0101::1',
  ])('refuses %s', (address) => {
    expect(privateAddressReason(address)).not.toBeNull()
  })

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700::1111', '64:ff9b::808:808'])(
    'allows the public %s',
    (address) => {
      expect(privateAddressReason(address)).toBeNull()
    },
  )
})

describe('checkCallbackTarget', () => {
  const resolverOf =
    (answers: Record<string, string[]>): Resolver =>
    async (host) => {
      const found = answers[host]
      if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
      return found.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }))
    }
  const resolve = resolverOf({
    'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'sneaky.example.com': ['93.184.215.14', '10.0.0.5'],
    'metadata.example.com': ['169.254.169.254'],
  })

  it('gives back every checked address of a public name', async () => {
    const got = await checkCallbackTarget('https://hooks.example.com/sms', resolve)
    expect(got).toEqual({
      ok: true,
      host: 'hooks.example.com',
      addresses: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
    })
  })

  it('refuses a name when any one of its addresses is private', async () => {
    const got = await checkCallbackTarget('https://sneaky.example.com/', resolve)
    expect(got).toMatchObject({ ok: false, permanent: true })
    expect(!got.ok && got.error).toContain('10.0.0.5')
    expect(await checkCallbackTarget('http://metadata.example.com/', resolve)).toMatchObject({
      ok: false,
      permanent: true,
    })
  })

  it('refuses local names and private literals without asking DNS', async () => {
    const asked: string[] = []
    const spy: Resolver = async (host) => {
      asked.push(host)
      return [{ address: '93.184.215.14', family: 4 }]
    }
    for (const url of [
      'http://localhost:8080/',
      'http://LOCALHOST./',
      'http://api.localhost/',
      'http://metadata.google.internal/',
      'http://printer.local/',
      'http://[::1]:8080/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[fd12::1]/',
    ]) {
      expect(await checkCallbackTarget(url, spy), url).toMatchObject({ ok: false, permanent: true })
    }
    expect(asked).toEqual([])
  })

  it('treats a name that does not resolve as worth retrying, and other schemes as refused', async () => {
    expect(await checkCallbackTarget('https://gone.example.com/', resolve)).toEqual({
      ok: false,
      permanent: false,
      error: 'could not resolve gone.example.com: ENOTFOUND',
    })
    expect(await checkCallbackTarget('file:///etc/passwd', resolve)).toMatchObject({
      ok: false,
      permanent: true,
    })
  })
})

describe('createPinnedPoster', () => {
  it('connects to the given address whatever the name would resolve to', async () => {
    const seen: string[] = []
    const server = createServer((req, res) => {
      seen.push(`${req.headers.host} ${req.method} ${req.url}`)
      req.resume()
      res.setHeader('Retry-After', '7')
      res.statusCode = 429
      res.end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    const poster = createPinnedPoster()
    try {
      // `.invalid` never resolves (RFC 6761): reaching the server proves the checked address was used.
      const answer = await poster.post(
        `http://callbacks.invalid:${port}/hook`,
        [{ address: '127.0.0.1', family: 4 }],
        { headers: { 'Content-Type': 'application/json' }, body: '{}', timeoutMs: 2_000 },
      )
      expect(answer).toEqual({ status: 429, retryAfter: '7' })
      expect(seen).toEqual([`callbacks.invalid:${port} POST /hook`])
    } finally {
      poster.close()
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
