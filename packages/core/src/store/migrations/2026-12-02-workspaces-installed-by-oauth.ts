/**
 * Slack installations made by OAuth, one row per workspace (or per Enterprise Grid organisation for an org-wide
 * install). Tokens arrive sealed by the bot: the store never sees them in clear. Named to sort after
 * `2026-12-02-support-workspaces`, which databases may already have run (migrations run in name order).
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('slack_installations')
    // `T:<team id>`, or `E:<enterprise id>` for an org-wide install.
    .addColumn('install_key', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text')
    .addColumn('enterprise_id', 'text')
    .addColumn('is_enterprise_install', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('app_id', 'text')
    .addColumn('bot_id', 'text')
    .addColumn('bot_user_id', 'text', (c) => c.notNull())
    .addColumn('bot_token_sealed', 'text', (c) => c.notNull())
    .addColumn('bot_refresh_token_sealed', 'text')
    .addColumn('bot_token_expires_at', 'bigint')
    .addColumn('bot_scopes', 'text', (c) => c.notNull())
    .addColumn('installer_user_id', 'text')
    .addColumn('installed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('slack_installations_bot_user_idx')
    .on('slack_installations')
    .column('bot_user_id')
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('slack_installations').ifExists().execute()
}
