/**
 * Multi-row INSERTs in chunks sized to the driver's bound-parameter limit. The SQL text for a chunk size is
 * built once and reused, so a 100,000-row batch costs a few dozen statements, not 100,000.
 */
import { CompiledQuery, type Kysely } from 'kysely'
import type { Dialect } from '../context.ts'
import type { Database } from '../store/schema.ts'

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32,766; PostgreSQL's wire protocol allows 65,535.
const MAX_PARAMETERS: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 }

const sqlCache = new Map<string, string>()

/** Inserts `rows` (each an array in `columns` order) into `table`. Runs in whatever transaction `db` is. */
export async function insertRows(
  db: Kysely<Database>,
  dialect: Dialect,
  table: keyof Database,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const perChunk = Math.floor(MAX_PARAMETERS[dialect] / columns.length)
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk)
    const parameters: unknown[] = new Array(chunk.length * columns.length)
    let i = 0
    for (const row of chunk) for (const value of row) parameters[i++] = value
    await db.executeQuery(CompiledQuery.raw(insertSql(dialect, table, columns, chunk.length), parameters))
  }
}

function insertSql(dialect: Dialect, table: string, columns: readonly string[], rowCount: number): string {
  const key = `${dialect}\u0000${table}\u0000${columns.join(',')}\u0000${rowCount}`
  let text = sqlCache.get(key)
  if (text === undefined) {
    const tuples: string[] = new Array(rowCount)
    let n = 0
    for (let r = 0; r < rowCount; r++) {
      const marks = columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?'))
      tuples[r] = `(${marks.join(',')})`
    }
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}`
    sqlCache.set(key, text)
  }
  return text
}
