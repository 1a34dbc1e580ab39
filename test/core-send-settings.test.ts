/**
 * A send plans with the account's settings as they are now, though a process keeps them between sends: whatever
 * changes them — this desk, or SQL on another connection, as another server or an operator's hand would — the next
 * quote and send see it. Sends themselves (the balance) do not make the process read the settings again.
 */
import { DeskError, type OpenedDatabase, openDatabase } from '@smsdesk/core'
import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const SE = '+46701234561'

for (const dialect of testDialects()) {
  describe(`a send's account settings on ${dialect}`, () => {
    let desk: TestDesk
    /** Another connection to the same database: what another server or a psql session writes through. */
    let other: OpenedDatabase
    let accountId: string
    beforeEach(async () => {
      desk = await createTestDesk(dialect)
      other = await openDatabase({ url: desk.url, migrate: false })
      accountId = (await desk.accounts.create({ name: 'Frisör Anna', balance: 10_000 })).id
    })
    afterEach(async () => {
      await other.close()
      await desk.close()
    })

    const quote = (body = 'Hej! Välkommen.', sender = 'Anna') =>
      desk.messages.quote(accountId, { sender, body, recipients: [SE] })
    const version = async (id = accountId) =>
      Number(
        (
          await other.db
            .selectFrom('accounts')
            .select('settings_version')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).settings_version,
      )
    const elsewhere = (statement: ReturnType<typeof sql>) => statement.execute(other.db)

    it('sees a suspension, banned words and a price list set on another connection at the next send', async () => {
      expect((await quote()).recipients[0]?.status).toBeNull()
      await desk.messages.send(accountId, { sender: 'Anna', body: 'Hej!', recipients: [SE] })

      await elsewhere(sql`update "accounts" set "banned_words" = '["välkommen"]' where "id" = ${accountId}`)
      expect((await quote()).recipients[0]?.status?.code).not.toBeUndefined()
      expect((await quote('Hej!')).recipients[0]?.status).toBeNull()

      await elsewhere(
        sql`update "accounts" set "price_list" = '{"countries":{"SE":30},"default":80}' where "id" = ${accountId}`,
      )
      expect((await quote('Hej!')).recipients[0]?.price.amount).toBe(30)

      await elsewhere(sql`update "accounts" set "status" = 'suspended' where "id" = ${accountId}`)
      const refused = await desk.messages
        .send(accountId, { sender: 'Anna', body: 'Hej!', recipients: [SE] })
        .catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(DeskError)
      expect((refused as DeskError).code).toBe('AccountSuspended')
    })

    it("sees a sender the provider rejected on another connection, and the rejection's removal", async () => {
      expect((await quote()).recipients[0]?.status).toBeNull()
      await elsewhere(sql`insert into "registered_senders" ("account_id", "sender", "status", "note")
        values (${accountId}, 'Anna', 'rejected', 'Not the business name')`)
      const rejected = (await quote()).recipients[0]
      expect(rejected?.status).not.toBeNull()
      expect(rejected?.reason).toContain('Not the business name')
      await elsewhere(sql`delete from "registered_senders" where "account_id" = ${accountId}`)
      expect((await quote()).recipients[0]?.status).toBeNull()
    })

    it('moves the version for every table the plan reads, and not for a send or a credit', async () => {
      const moves = async (change: () => Promise<unknown>) => {
        const before = await version()
        await change()
        return (await version()) > before
      }
      const otherAccount = (await desk.accounts.create({ name: 'Other', balance: 0 })).id
      const at = new Date().toISOString()
      expect(
        await moves(() => desk.messages.send(accountId, { sender: 'Anna', body: 'Hej!', recipients: [SE] })),
      ).toBe(false)
      expect(
        await moves(() =>
          elsewhere(sql`update "accounts" set "balance" = "balance" + 100 where "id" = ${accountId}`),
        ),
      ).toBe(false)
      expect(
        await moves(() => elsewhere(sql`update "accounts" set "name" = 'Anna AB' where "id" = ${accountId}`)),
      ).toBe(false)
      const changes: [string, ReturnType<typeof sql>][] = [
        ['currency', sql`update "accounts" set "currency" = 'SEK' where "id" = ${accountId}`],
        [
          'campaign',
          sql`update "accounts" set "na_campaign" = 1, "na_campaign_until" = ${at} where "id" = ${accountId}`,
        ],
        ['rule', sql`update "accounts" set "require_registered_senders" = 1 where "id" = ${accountId}`],
        [
          'sender added',
          sql`insert into "registered_senders" ("account_id", "sender", "status") values (${accountId}, 'Anna', 'pending')`,
        ],
        [
          'sender approved',
          sql`update "registered_senders" set "status" = 'approved' where "account_id" = ${accountId}`,
        ],
        [
          'opt-out settings',
          sql`insert into "opt_out_settings" ("account_id", "mode", "lang", "required_for_marketing", "confirmations", "updated_at")
            values (${accountId}, 'link', 'sv', 0, 0, ${at})`,
        ],
        [
          'opt-out settings changed',
          sql`update "opt_out_settings" set "mode" = 'off' where "account_id" = ${accountId}`,
        ],
        [
          'add-on',
          sql`insert into "opt_out_subscriptions" ("id", "account_id", "service", "yearly_price", "currency", "started_at", "committed_until")
            values ('sub_settings_1', ${accountId}, 'link', 100, 'SEK', ${at}, ${at})`,
        ],
        [
          'add-on cancelled',
          sql`update "opt_out_subscriptions" set "cancelled_at" = ${at} where "account_id" = ${accountId}`,
        ],
        ['sender removed', sql`delete from "registered_senders" where "account_id" = ${accountId}`],
      ]
      for (const [what, statement] of changes)
        expect(await moves(() => elsewhere(statement)), what).toBe(true)
      // A number assigned to another account is no change of this one's; moved here, it changes both.
      expect(
        await moves(() =>
          elsewhere(
            sql`insert into "virtual_numbers" ("number", "account_id") values ('+46719000001', ${otherAccount})`,
          ),
        ),
      ).toBe(false)
      const otherBefore = await version(otherAccount)
      expect(
        await moves(() =>
          elsewhere(
            sql`update "virtual_numbers" set "account_id" = ${accountId} where "number" = '+46719000001'`,
          ),
        ),
      ).toBe(true)
      const otherAfter = await version(otherAccount)
      expect(otherAfter).toBeGreaterThan(otherBefore)
      expect(
        await moves(() => elsewhere(sql`delete from "virtual_numbers" where "account_id" = ${accountId}`)),
      ).toBe(true)
    })
  })
}
