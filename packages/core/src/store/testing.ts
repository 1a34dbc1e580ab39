/** Test harness: which dialects to run on, and a fresh, migrated, isolated database per call. */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { type CoreContext, DeskEvents, type Dialect } from '../context.ts'
import type { Clock } from '../ports.ts'
import { openDatabase, redactUrl } from './open.ts'
import type { Database } from './schema.ts'

/** The environment variable holding the PostgreSQL URL tests run against. */
export const TEST_PG_ENV = 'SMSDESK_TEST_PG'

export interface TestDatabase {
  db: Kysely<Database>
  dialect: Dialect
  /** What `openDatabase({ url })` (or `createDesk({ database })`) needs to reach this very database. */
  url: string
  /** Closes it and throws the data away (the temp file, or the PostgreSQL schema). */
  close(): Promise<void>
}

let skipNoticeShown = false

/**
 * The dialects a store test suite runs on: always `sqlite`, plus `postgres` when `SMSDESK_TEST_PG` holds a URL.
 * Without it, one line per process says the PostgreSQL run was skipped and how to turn it on.
 */
export function testDialects(): Dialect[] {
  if (testPostgresUrl()) return ['sqlite', 'postgres']
  // Under vitest the run's global setup says it once for the whole run (test/global-setup.ts).
  if (!skipNoticeShown && !process.env.SMSDESK_PG_NOTICE_BY_RUNNER) {
    skipNoticeShown = true
    console.warn(
      `smsdesk: PostgreSQL tests SKIPPED (${TEST_PG_ENV} is not set) — only SQLite ran. ` +
        `Enable with ${TEST_PG_ENV}=postgres://postgres@127.0.0.1:5432/test or \`npm run test:pg\`.`,
    )
  }
  return ['sqlite']
}

function testPostgresUrl(): string | undefined {
  const url = process.env[TEST_PG_ENV]?.trim()
  return url ? url : undefined
}

/** A fresh, migrated database on `dialect`, isolated from every other test (files and schemas may run in parallel). */
export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  return dialect === 'postgres' ? openTestPostgres() : openTestSqlite()
}

async function openTestSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-test-'))
  const file = join(dir, 'smsdesk.sqlite')
  const opened = await openDatabase({ file })
  return {
    ...opened,
    url: file,
    close: async () => {
      await opened.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function openTestPostgres(): Promise<TestDatabase> {
  const base = testPostgresUrl()
  if (!base)
    throw new Error(`smsdesk: openTestDatabase('postgres') needs ${TEST_PG_ENV} set to a PostgreSQL URL`)
  const schema = `t_${randomBytes(8).toString('hex')}`
  // A set variable means "test PostgreSQL": an unreachable server fails the run instead of quietly skipping it.
  await withAdmin(base, (client) => client.query(`create schema ${schema}`))
  const url = withSearchPath(base, schema)
  let opened: Awaited<ReturnType<typeof openDatabase>>
  try {
    opened = await openDatabase({ url })
  } catch (err) {
    await dropSchema(base, schema)
    throw err
  }
  return {
    ...opened,
    url,
    close: async () => {
      await opened.close()
      await dropSchema(base, schema)
    },
  }
}

/** The URL with `options=-c search_path=<schema>`, so every pooled connection (ours or a server's) lands in it. */
function withSearchPath(base: string, schema: string): string {
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return url.toString()
}

async function dropSchema(base: string, schema: string): Promise<void> {
  await withAdmin(base, (client) => client.query(`drop schema if exists ${schema} cascade`))
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (err) {
    const reason = err instanceof Error ? err.message || err.name : String(err)
    throw new Error(
      `smsdesk: ${TEST_PG_ENV} is set but PostgreSQL at ${redactUrl(url)} is unreachable (${reason}). ` +
        `Start it, or unset ${TEST_PG_ENV} to run on SQLite only.`,
      { cause: err },
    )
  }
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A clock tests move by hand. */
export interface ManualClock extends Clock {
  set(at: Date | string): void
  advance(ms: number): void
}

export function manualClock(start: Date | string = '2026-11-25T10:00:00.000Z'): ManualClock {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at)
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms)
    },
  }
}

/** A `CoreContext` over a test database, with a manual clock unless one is given. */
export function testContext(
  t: Pick<TestDatabase, 'db' | 'dialect'>,
  clock: Clock = manualClock(),
): CoreContext {
  return { db: t.db, dialect: t.dialect, clock, events: new DeskEvents() }
}

/** SQLite: the messages table's CREATE statement as the schema holds it (the migrations' tests read its form). */
export async function messagesTableSql(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ sql: string }>`select "sql" from "sqlite_master"
    where "type" = 'table' and "name" = 'messages'`.execute(db)
  return rows[0]?.sql ?? ''
}

/** SQLite: the messages table's indexes by name, with their SQL (null for SQLite's own, as a unique key's). */
export async function messagesIndexes(db: Kysely<Database>): Promise<{ name: string; sql: string | null }[]> {
  const { rows } = await sql<{ name: string; sql: string | null }>`select "name", "sql" from "sqlite_master"
    where "type" = 'index' and "tbl_name" = 'messages' order by "name"`.execute(db)
  return rows
}
