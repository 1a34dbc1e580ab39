/**
 * A message's history moves into its own row: `messages.history`, the steps in recording order as comma-joined JSON
 * arrays `[code, at, detail]` (see messages/history.ts), instead of a row per step in `message_statuses`. A look-up
 * then reads one B-tree, not two; a status change rewrites the message row it rewrote anyway instead of also
 * inserting a history row and its index entry; a send writes one row per message instead of four. Existing
 * histories are copied in their `seq` order, each step's time and detail as they were, written as the code writes
 * them (trailing nulls left out), and the table is dropped. `down` rebuilds the table as it stood before
 * (2026-12-08) from the column, numbering the steps in the same order. On PostgreSQL both run in one transaction
 * (Kysely's Migrator); on SQLite the copy is one statement. On the bench VM: 9.9 – 10.9 s for a 1M-message SQLite
 * store (1,264 MB), which grew the file to 1,504 MB (the old table's pages stay free for new messages, or for
 * VACUUM); 4.2 s on PostgreSQL for 100,000 delivered messages. Frozen.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped Kysely so they stay frozen in time.
type Db = Kysely<any>

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Db): Promise<void> {
  await sql`alter table "messages" add column "history" text not null default ''`.execute(db)
  if (isPostgres(db)) {
    await sql`update "messages" as "m" set "history" = "h"."steps"
      from (select "message_id", string_agg((case when "detail" is not null
          then json_build_array("code", "at", "detail") when "at" is not null then json_build_array("code", "at")
          else json_build_array("code") end)::text, ',' order by "seq")
        as "steps" from "message_statuses" group by "message_id") as "h"
      where "m"."id" = "h"."message_id"`.execute(db)
  } else {
    await sql`update "messages" set "history" = coalesce((select group_concat(case when "detail" is not null
      then json_array("code", "at", "detail") when "at" is not null then json_array("code", "at")
      else json_array("code") end, ',' order by "seq") from "message_statuses" as "s" where "s"."message_id" = "messages"."id"), '')`.execute(
      db,
    )
  }
  await sql`drop table "message_statuses"`.execute(db)
}

export async function down(db: Db): Promise<void> {
  if (isPostgres(db)) {
    await sql`create table "message_statuses" (
      "message_id" text not null references "messages" ("id"),
      "code" integer not null,
      "at" text,
      "detail" text,
      "seq" integer not null,
      constraint "message_statuses_once_uq" unique ("message_id", "code"))`.execute(db)
    await sql`insert into "message_statuses" ("message_id", "code", "at", "detail", "seq")
      select "m"."id", ("e"."step"->>0)::integer, "e"."step"->>1, "e"."step"->>2, "e"."n"
      from "messages" as "m", json_array_elements(('[' || "m"."history" || ']')::json)
        with ordinality as "e"("step", "n")`.execute(db)
  } else {
    await sql`create table "message_statuses" (
      "message_id" text not null references "messages" ("id"),
      "code" integer not null,
      "seq" integer not null,
      "at" text,
      "detail" text,
      constraint "message_statuses_once_uq" primary key ("message_id", "code")) without rowid`.execute(db)
    await sql`insert into "message_statuses" ("message_id", "code", "seq", "at", "detail")
      select "m"."id", json_extract("e"."value", '$[0]'), "e"."key" + 1, json_extract("e"."value", '$[1]'),
        json_extract("e"."value", '$[2]')
      from "messages" as "m", json_each('[' || "m"."history" || ']') as "e"
      order by "m"."id", json_extract("e"."value", '$[0]')`.execute(db)
  }
  await sql`alter table "messages" drop column "history"`.execute(db)
}
