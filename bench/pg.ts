/**
 * PostgreSQL for the benches: the server at SMSDESK_BENCH_PG (default the local test database), where a bench may
 * create a schema of its own and drop it after.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const PG_URL = process.env.SMSDESK_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test'

/** A connection to PG_URL for creating and dropping schemas; null when nothing answers there within 3 s. */
export async function connectAdmin(): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    return client
  } catch {
    return null
  }
}

/** Runs `use` with the URL of a new, empty schema on PG_URL (every pooled connection lands in it), dropped after. */
export async function inFreshSchema<T>(admin: pg.Client, use: (url: string) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(6).toString('hex')}`
  await admin.query(`create schema ${schema}`)
  try {
    const url = new URL(PG_URL)
    url.searchParams.set('options', `-c search_path=${schema}`)
    return await use(url.toString())
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`)
  }
}
