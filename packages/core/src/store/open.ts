/** Opens the store — SQLite by default, PostgreSQL for a `postgres://` URL — and brings its schema up to date. */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Dialect } from '../context.ts'
import { migrateToLatest } from './migrate.ts'
import { SchemaScopedPostgresDialect } from './pg-dialect.ts'
import { openPgStatusChannel, type StatusChannel } from './pg-status-channel.ts'
import type { Database } from './schema.ts'

export const DEFAULT_SQLITE_FILE = './data/smsdesk.sqlite'

export interface OpenDatabaseOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else is read as a SQLite file path. */
  url?: string
  /** SQLite file (default `./data/smsdesk.sqlite`); `:memory:` is allowed. Ignored for PostgreSQL. */
  file?: string
  /** Run pending migrations before returning (default true); false when `npm run migrate` does it. */
  migrate?: boolean
}

export interface OpenedDatabase {
  db: Kysely<Database>
  dialect: Dialect
  /** PostgreSQL only: status events to and from the other processes on this database. */
  statusChannel?: StatusChannel
  /** PostgreSQL only: the connection pool's use right now, for metrics. */
  poolStats?: () => { total: number; idle: number; waiting: number }
  /** Closes the pool or file; safe to call twice. */
  close(): Promise<void>
}

/** True for the URLs that select PostgreSQL. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url)
}

/**
 * Opens the database and runs every pending migration before returning.
 * Throws a clear error when a migration fails; the connection is closed in that case.
 */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const migrate = opts.migrate ?? true
  if (isPostgresUrl(opts.url)) return openPostgres(opts.url, migrate)
  const opened = openSqlite(sqliteFile(opts))
  if (migrate) await migrated(opened)
  return opened
}

async function migrated(opened: OpenedDatabase): Promise<void> {
  try {
    await migrateToLatest(opened.db, opened.dialect)
  } catch (err) {
    await opened.close()
    throw err
  }
}

function sqliteFile(opts: OpenDatabaseOptions): string {
  // A non-PostgreSQL url is a file path; tolerate the common `sqlite:` / `file:` spellings.
  const fromUrl = opts.url?.replace(/^(sqlite|file):(\/\/)?/i, '')
  return fromUrl || opts.file || DEFAULT_SQLITE_FILE
}

function openSqlite(file: string): OpenedDatabase {
  const inMemory = file === ':memory:' || file === ''
  if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true })
  const database = new SQLite(file)
  // WAL lets readers run beside the one writer; NORMAL is durable across process crashes in WAL mode.
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  database.pragma('busy_timeout = 5000')
  database.pragma('foreign_keys = ON')
  // SQLite's own lower() folds ASCII only; PostgreSQL's folds all of Unicode. Case-insensitive queries
  // (contact search, "Åsa" vs "åsa") must read the same on both, so SQLite gets a Unicode-aware lower().
  database.function('lower', { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : String(value).toLowerCase(),
  )
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) })
  return { db, dialect: 'sqlite', close: once(() => db.destroy()) }
}

/** Most distinct SQL texts kept prepared; the app has a few hundred, `IN (?, …)` lists of every length add more. */
const MAX_CACHED_STATEMENTS = 1_000
/**
 * Most SQL text kept prepared, in characters. A bulk statement of thousands of rows compiles to a program of
 * megabytes outside the JavaScript heap, and a large send prepares one per chunk length it meets: counted by number
 * alone, the cache held hundreds of megabytes of them.
 */
const MAX_CACHED_TEXT = 2_000_000

/**
 * Kysely's SQLite driver prepares every query anew (about an eighth of a busy server's CPU). better-sqlite3
 * statements are reusable, and the driver runs each one to completion synchronously (`all`/`run`; `iterate` only
 * for `stream()`, which smsdesk never uses), so one prepared statement per SQL text can be shared. Bounded: when
 * full, the least recently prepared half is dropped (a Map iterates in insertion order).
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>()
  let cachedText = 0
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = statements.get(text)
      if (statement === undefined) {
        statement = database.prepare(text)
        if (statements.size >= MAX_CACHED_STATEMENTS || cachedText + text.length > MAX_CACHED_TEXT) {
          let drop = statements.size / 2
          for (const key of statements.keys()) {
            if (drop-- <= 0 && cachedText + text.length <= MAX_CACHED_TEXT) break
            statements.delete(key)
            cachedText -= key.length
          }
        }
        statements.set(text, statement)
        cachedText += text.length
      }
      return statement
    },
  }
}

async function openPostgres(url: string, migrate: boolean): Promise<OpenedDatabase> {
  // No global type parsers: bigint columns arrive as strings and the mappers convert them with Number().
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  watchPoolErrors(pool)
  const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }) })
  const opened: OpenedDatabase = {
    db,
    dialect: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: once(() => db.destroy()),
  }
  if (migrate) await migrated(opened)
  try {
    const statusChannel = await openPgStatusChannel(pool, url)
    return {
      ...opened,
      statusChannel,
      close: once(async () => {
        await statusChannel.close()
        await db.destroy()
      }),
    }
  } catch (err) {
    await opened.close()
    throw err
  }
}

/**
 * A terminated connection (a restart, a failover, `pg_terminate_backend`) emits 'error' on the pool for idle clients
 * and on the client itself while checked out; unheard, either kills the process. The query in flight still fails
 * with the error and its caller decides (retry or report); pg drops the broken client from the pool.
 */
function watchPoolErrors(pool: pg.Pool): void {
  let lastLog = 0
  const log = (err: Error) => {
    // One line per second at most: a blink ends every connection of the pool at once.
    if (Date.now() - lastLog < 1_000) return
    lastLog = Date.now()
    console.error(`smsdesk: a PostgreSQL connection failed (${err.message}); the pool opens a new one`)
  }
  pool.on('error', log)
  pool.on('connect', (client) => {
    client.on('error', log)
  })
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined
  return () => {
    closing ??= fn()
    return closing
  }
}
