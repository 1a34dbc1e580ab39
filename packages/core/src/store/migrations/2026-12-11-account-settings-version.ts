/**
 * A version number per account that moves whenever anything a send reads about the account changes: the account's
 * own sending columns (status, currency, the North-America campaign, banned words, the registered-senders rule, its
 * price list), its registered senders, its opt-out settings and add-ons, and its virtual numbers. Triggers move it,
 * so every writer is covered: this server's code, another server on the same database, an operator's hand in SQL.
 * A send reads the balance and the version (one short row) and plans with what it read before while the version is
 * the same. The balance is not among the columns: it changes with every send and is read each time. Frozen.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

/** The accounts columns a send's plan reads, but for the balance. */
const SENDING_COLUMNS = [
  'status',
  'currency',
  'na_campaign',
  'na_campaign_until',
  'banned_words',
  'require_registered_senders',
  'price_list',
] as const
/** Tables with an account's sending settings, each row under `account_id`. */
const SETTINGS_TABLES = [
  'registered_senders',
  'opt_out_settings',
  'opt_out_subscriptions',
  'virtual_numbers',
] as const

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('settings_version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
  const columns = sql.raw(SENDING_COLUMNS.map((c) => `"${c}"`).join(', '))
  if (isPostgres(db)) {
    await sql`create or replace function "smsdesk_account_settings_changed"() returns trigger language plpgsql as $$
      begin
        new."settings_version" := old."settings_version" + 1;
        return new;
      end $$`.execute(db)
    await sql`create trigger "accounts_settings_version" before update of ${columns} on "accounts"
      for each row execute function "smsdesk_account_settings_changed"()`.execute(db)
    await sql`create or replace function "smsdesk_account_setting_changed"() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          update "accounts" set "settings_version" = "settings_version" + 1 where "id" = old."account_id";
        end if;
        if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new."account_id" is distinct from old."account_id") then
          update "accounts" set "settings_version" = "settings_version" + 1 where "id" = new."account_id";
        end if;
        return null;
      end $$`.execute(db)
    for (const table of SETTINGS_TABLES)
      await sql`create trigger ${sql.id(`${table}_settings_version`)} after insert or update or delete
        on ${sql.table(table)} for each row execute function "smsdesk_account_setting_changed"()`.execute(db)
    return
  }
  await sql`create trigger "accounts_settings_version" after update of ${columns} on "accounts"
    begin
      update "accounts" set "settings_version" = "settings_version" + 1 where "id" = new."id";
    end`.execute(db)
  for (const table of SETTINGS_TABLES) {
    const bump = (row: 'new' | 'old') =>
      sql.raw(
        `update "accounts" set "settings_version" = "settings_version" + 1 where "id" = ${row}."account_id";`,
      )
    for (const [event, body] of [
      ['insert', bump('new')],
      ['delete', bump('old')],
      // A row moved to another account (a virtual number reassigned) changes both.
      ['update', sql`${bump('old')} ${bump('new')}`],
    ] as const)
      await sql`create trigger ${sql.id(`${table}_settings_version_${event}`)} after ${sql.raw(event)}
        on ${sql.table(table)} begin ${body} end`.execute(db)
  }
}

export async function down(db: Db): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists "accounts_settings_version" on "accounts"`.execute(db)
    for (const table of SETTINGS_TABLES)
      await sql`drop trigger if exists ${sql.id(`${table}_settings_version`)} on ${sql.table(table)}`.execute(
        db,
      )
    await sql`drop function if exists "smsdesk_account_settings_changed"()`.execute(db)
    await sql`drop function if exists "smsdesk_account_setting_changed"()`.execute(db)
  } else {
    await sql`drop trigger if exists "accounts_settings_version"`.execute(db)
    for (const table of SETTINGS_TABLES)
      for (const event of ['insert', 'delete', 'update'])
        await sql`drop trigger if exists ${sql.id(`${table}_settings_version_${event}`)}`.execute(db)
  }
  await db.schema.alterTable('accounts').dropColumn('settings_version').execute()
}
