/** Runs the schema migrations (Kysely's Migrator), one process at a time on PostgreSQL, and says which are pending. */
import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely'
import type { Dialect } from '../context.ts'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

const provider: MigrationProvider = { getMigrations: async () => migrations }

/**
 * Brings the schema up to date. On PostgreSQL a session advisory lock, keyed by the schema, is held for the whole
 * run — creating Kysely's bookkeeping tables included — so servers starting together migrate one after another
 * and the later ones find nothing left to do.
 * @throws Error naming the migration that failed
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') return runMigrator(db, undefined)
  const schema = await currentSchema(db)
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${`smsdesk-migrations:${schema}`}))`.execute(conn)
    try {
      await runMigrator(conn, schema)
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${`smsdesk-migrations:${schema}`}))`.execute(conn)
    }
  })
}

/** The names of the migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const schema = dialect === 'postgres' ? await currentSchema(db) : undefined
  const list = await migrator(db, schema).getMigrations()
  return list.filter((m) => m.executedAt === undefined).map((m) => m.name)
}

function migrator(db: Kysely<Database>, schema: string | undefined): Migrator {
  // Kysely looks for its bookkeeping table in every visible schema unless told which one; pin it to ours so
  // several schemas on one server (tests, tenants) never mistake another schema's table for their own.
  return new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) })
}

async function runMigrator(db: Kysely<Database>, schema: string | undefined): Promise<void> {
  const dialect = schema === undefined ? 'sqlite' : 'postgres'
  const { error, results } = await migrator(db, schema).migrateToLatest()
  if (!error) return
  const failed = results?.find((r) => r.status === 'Error')?.migrationName
  const reason = error instanceof Error ? error.message : String(error)
  throw new Error(
    failed
      ? `smsdesk: database migration "${failed}" failed on ${dialect}: ${reason}`
      : `smsdesk: could not migrate the ${dialect} database: ${reason}`,
    { cause: error },
  )
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
    return rows[0]?.schema ?? 'public'
  } catch (err) {
    const reason = err instanceof Error ? err.message || err.name : String(err)
    throw new Error(`smsdesk: could not reach PostgreSQL: ${reason}`, { cause: err })
  }
}
