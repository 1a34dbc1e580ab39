/**
 * The blocklist kept in step with the gateway's own (iP1's blacklist): ours to theirs when a number is blocked
 * here, theirs to ours on a schedule. iP1's list is one for the whole iP1 account, so a number it refuses is
 * blocked for every account here (reason `stop`): a message to it could not be delivered for any of them.
 */
import { sql } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { SmsGateway } from '../ports.ts'

/** Most numbers pushed to the gateway in one sync; the rest go in the next. */
const PUSH_PER_SYNC = 500

/** Two-way sync; returns how many numbers went each way. Throws when the gateway cannot be read. */
export async function syncBlocklistWithGateway(
  ctx: CoreContext,
  gateway: SmsGateway,
): Promise<{ pushed: number; pulled: number }> {
  if (!gateway.listBlocked) return { pushed: 0, pulled: 0 }
  const theirs = new Set(await gateway.listBlocked())
  const ours = (await ctx.db.selectFrom('blocklist').select('number').distinct().execute()).map(
    (r) => r.number,
  )
  let pushed = 0
  if (gateway.block)
    for (const number of ours.filter((n) => !theirs.has(n)).slice(0, PUSH_PER_SYNC)) {
      await gateway.block(number)
      pushed++
    }
  const oursSet = new Set(ours)
  const missing = [...theirs].filter((n) => !oursSet.has(n))
  let pulled = 0
  const now = iso(ctx.clock.now())
  for (const number of missing) {
    // One statement per number: every account gets it, the ones that have it already are skipped (`where true`
    // keeps SQLite from reading ON CONFLICT as part of the SELECT).
    const result = await sql`insert into "blocklist" ("account_id", "number", "reason", "created_at")
      select "id", ${number}, 'stop', ${now} from "accounts" where true
      on conflict ("account_id", "number") do nothing`.execute(ctx.db)
    if (Number(result.numAffectedRows ?? 0) > 0) pulled++
  }
  return { pushed, pulled }
}

/** Tells the gateway about one number blocked here; failures are logged and the scheduled sync catches up. */
export function pushBlockToGateway(gateway: SmsGateway, number: string): void {
  gateway.block?.(number).catch((err: unknown) => {
    console.error(
      'smsdesk: could not add a blocked number to the gateway blacklist; the next sync retries',
      err instanceof Error ? err.message : err,
    )
  })
}
