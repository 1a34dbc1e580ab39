/** Support workspaces: a Slack workspace or Teams tenant linked with an operator key, and who holds a role in it. Frozen. */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('support_workspaces')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.id'))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('sv'))
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('support_workspaces_pk', ['platform', 'workspace_id'])
    .execute()
  await db.schema
    .createTable('support_members')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('support_members_pk', ['platform', 'workspace_id', 'user_id'])
    .execute()
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('support_members').ifExists().execute()
  await db.schema.dropTable('support_workspaces').ifExists().execute()
}
