/**
 * Any body at all, on every route that takes one: never a 5xx, always a JSON error with a stable code and a
 * message, and a request that is refused stores and charges nothing. Bodies are arbitrary JSON, and valid bodies
 * with one field swapped for arbitrary JSON (the likelier mistake).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './server-harness.ts'

interface Route {
  method: string
  path: string
  /** A body the route accepts, whose fields the fuzzer swaps one at a time. */
  valid: Record<string, unknown>
}

const ROUTES: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/messages',
    valid: { sender: 'Anna', body: 'Hej', recipients: ['+46701234561'], groups: [], reference: 'r-1' },
  },
  {
    method: 'POST',
    path: '/api/v1/messages/quote',
    valid: { sender: 'Anna', body: 'Hej', recipients: ['0701234561'] },
  },
  {
    method: 'POST',
    path: '/api/v1/contacts',
    valid: { number: '070-123 45 62', firstName: 'Nils', groups: ['Kunder'] },
  },
  { method: 'POST', path: '/api/v1/opt-out-links', valid: { number: '+46701234563' } },
  { method: 'POST', path: '/api/v1/users', valid: { name: 'Eva', role: 'viewer' } },
  {
    method: 'POST',
    path: '/api/v1/simulator/inbound',
    valid: { from: '+46701234564', to: '+46700000001', body: 'Hej' },
  },
]

/** Arbitrary JSON, with the values most likely to trip a handler (huge numbers, odd strings, deep nesting). */
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    '',
    ' ',
    0,
    -1,
    1e308,
    -0,
    2 ** 53,
    '0',
    'null',
    '__proto__',
    '\u0000',
    '😀'.repeat(50),
  ),
  fc.string({ maxLength: 300 }),
)

/** The app for one describe block; it must have logged no error when the block ends. */
function useHarness(): () => Harness {
  let h: Harness | undefined
  beforeAll(async () => {
    h = await startHarness('sqlite')
  })
  afterAll(async () => {
    expect(h?.logs.some((l) => JSON.parse(l).level >= 50)).toBe(false)
    await h?.close()
  })
  return () => {
    if (!h) throw new Error('the harness is not started')
    return h
  }
}

for (const route of ROUTES) {
  describe(`${route.method} ${route.path} with any body`, () => {
    const harness = useHarness()

    async function check(body: unknown): Promise<void> {
      const messagesBefore = await harness().messageCount()
      const balanceBefore = (await harness().call('GET', '/api/v1/balance')).body.balance.amount
      const res = await harness().call(route.method, route.path, { body })
      expect(res.status, res.text).toBeLessThan(500)
      if (res.status >= 400) {
        expect(res.body?.error?.code, res.text).toMatch(/^[A-Z][A-Za-z]+$/)
        expect(typeof res.body.error.message).toBe('string')
        expect(res.body.error.message.length).toBeGreaterThan(5)
        expect(await harness().messageCount()).toBe(messagesBefore)
        expect((await harness().call('GET', '/api/v1/balance')).body.balance.amount).toBe(balanceBefore)
      }
    }

    it('answers arbitrary JSON with a 4xx or a success, never a 5xx', async () => {
      await fc.assert(fc.asyncProperty(anyJson, check), { numRuns: 60 })
    })

    it('answers a valid body with one field swapped for anything the same way', async () => {
      const fields = Object.keys(route.valid)
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields, '__proto__', 'unknownField'), anyJson, (field, value) =>
          check({ ...route.valid, [field]: value }),
        ),
        { numRuns: 80 },
      )
    })
  })
}

describe('any text in a path parameter', () => {
  const harness = useHarness()

  it('is a 2xx or a clear 4xx on every route that takes one, never a 5xx', async () => {
    const routes: [method: string, path: (p: string) => string][] = [
      ['GET', (p) => `/api/v1/messages/${p}`],
      ['POST', (p) => `/api/v1/messages/${p}/cancel`],
      ['GET', (p) => `/api/v1/contacts/${p}`],
      ['DELETE', (p) => `/api/v1/contacts/${p}`],
      ['PUT', (p) => `/api/v1/blocklist/${p}`],
      ['DELETE', (p) => `/api/v1/blocklist/${p}`],
      ['GET', (p) => `/api/v1/status-codes/${p}`],
      ['GET', (p) => `/api/v1/faq/articles/${p}`],
      ['DELETE', (p) => `/api/v1/api-keys/${p}`],
      ['GET', (p) => `/u/${p}`],
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 200 }),
          fc.constantFrom('%', '..', '0', '+46', '999999999999999999999'),
        ),
        async ([method, path], param) => {
          const res = await harness().call(method, path(encodeURIComponent(param)))
          expect(res.status, `${method} ${path(param)}: ${res.text}`).toBeLessThan(500)
        },
      ),
      { numRuns: 300 },
    )
  })
})
