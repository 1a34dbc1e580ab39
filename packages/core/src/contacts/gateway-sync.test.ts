import { afterEach, describe, expect, it } from 'vitest'
import { createIp1Gateway } from '../gateway/ip1.ts'
import { type Ip1Standin, startIp1Standin } from '../gateway/testing/ip1-standin.ts'
import { openTestDatabase, type TestDatabase, testContext, testDialects } from '../store/testing.ts'
import { syncBlocklistWithGateway } from './gateway-sync.ts'

for (const dialect of testDialects()) {
  describe(`blocklist sync with iP1 on ${dialect}`, () => {
    let db: TestDatabase | undefined
    let standin: Ip1Standin | undefined
    afterEach(async () => {
      await standin?.close()
      await db?.close()
    })

    it('pushes our blocked numbers with PUT and pulls iP1’s blacklist (every page) into every account', async () => {
      db = await openTestDatabase(dialect)
      standin = await startIp1Standin()
      const ctx = testContext(db)
      const at = new Date().toISOString()
      const account = (id: string) => ({
        id,
        name: id,
        currency: 'SEK',
        balance: 0,
        na_campaign: 0,
        banned_words: '[]',
        created_at: at,
      })
      await db.db
        .insertInto('accounts')
        .values([account('acc_a'), account('acc_b')])
        .execute()
      await db.db
        .insertInto('blocklist')
        .values({ account_id: 'acc_a', number: '+46701234999', reason: 'manual', created_at: at })
        .execute()
      const theirs = Array.from({ length: 120 }, (_, i) => `4670900${String(i).padStart(4, '0')}`)
      standin.addToBlacklist(...theirs)
      const gateway = createIp1Gateway({ apiKey: standin.apiKey, baseUrl: standin.url })

      expect(await syncBlocklistWithGateway(ctx, gateway)).toEqual({ pushed: 1, pulled: 120 })
      expect(standin.blacklist()).toContain('46701234999')
      const rows = await db.db.selectFrom('blocklist').select(['account_id', 'reason']).execute()
      expect(rows.filter((r) => r.account_id === 'acc_b' && r.reason === 'stop')).toHaveLength(120)
      // In step: a second sync moves nothing.
      expect(await syncBlocklistWithGateway(ctx, gateway)).toEqual({ pushed: 0, pulled: 0 })
    })
  })
}
