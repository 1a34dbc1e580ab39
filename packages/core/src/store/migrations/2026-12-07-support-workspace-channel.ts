/**
 * A support workspace's support channel: where widget support conversations are posted, as the platform needs it
 * to post there later (a Teams conversation reference, JSON). Null until linked from a channel. Frozen.
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('support_workspaces').addColumn('support_channel', 'text').execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('support_workspaces').dropColumn('support_channel').execute()
}
