/**
 * Multi-row INSERTs (and keyed UPDATEs) for a whole batch. Columns that are the same on every row (the body, the sender, the times)
 * are bound once per statement; only the varying ones travel per row, in chunks sized to the driver's
 * bound-parameter limit. The SQL text for a chunk size is built once and reused.
 */
import { CompiledQuery, type Kysely } from 'kysely'
import type { Dialect } from '../context.ts'
import type { Database } from '../store/schema.ts'

// SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32,766; PostgreSQL's wire protocol allows 65,535.
const MAX_PARAMETERS: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 }

/** A column and its PostgreSQL type (needed to type the placeholders of a VALUES list there). */
export type TypedColumn = readonly [name: string, pgType: 'text' | 'integer' | 'bigint']

export interface BulkRows {
  /** Columns whose value differs per row, in the order of each row's values. */
  columns: readonly TypedColumn[]
  rows: readonly (readonly unknown[])[]
  /** Columns with one value for every row. */
  constants?: readonly (readonly [...TypedColumn, value: unknown])[]
  /** A unique key: rows that would break it are skipped (`on conflict (…) do nothing`). */
  skipConflictsOn?: readonly string[]
}

const sqlCache = new Map<string, string>()
/** Most SQL text kept built, in characters: a statement of thousands of rows is hundreds of kilobytes of text. */
const MAX_CACHED_TEXT = 4_000_000
let cachedText = 0

function remember(key: string, text: string): string {
  if (cachedText + text.length > MAX_CACHED_TEXT) {
    sqlCache.clear()
    cachedText = 0
  }
  sqlCache.set(key, text)
  cachedText += text.length
  return text
}

/**
 * Inserts every row into `table`, in as few statements as the parameter limit allows, and returns how many were
 * inserted. Runs in `db`'s transaction.
 */
export async function insertRows(
  db: Kysely<Database>,
  dialect: Dialect,
  table: keyof Database,
  bulk: BulkRows,
): Promise<number> {
  let inserted = 0
  const constants = bulk.constants ?? []
  const perChunk = Math.floor((MAX_PARAMETERS[dialect] - constants.length) / bulk.columns.length)
  const constantValues = constants.map((c) => c[2])
  for (let start = 0; start < bulk.rows.length; start += perChunk) {
    const end = Math.min(start + perChunk, bulk.rows.length)
    const parameters: unknown[] = new Array(constants.length + (end - start) * bulk.columns.length)
    let i = 0
    for (const value of constantValues) parameters[i++] = value
    for (let r = start; r < end; r++)
      for (const value of bulk.rows[r] as readonly unknown[]) parameters[i++] = value
    const text = insertSql(dialect, table, bulk.columns, constants, end - start, bulk.skipConflictsOn)
    const result = await db.executeQuery(CompiledQuery.raw(text, parameters))
    inserted += Number(result.numAffectedRows ?? BigInt(end - start))
  }
  return inserted
}

/**
 * Inserts into each table in turn, as `insertRows` does. On PostgreSQL, when every insert fits one statement (a
 * send's message and its history), they travel as one: all but the last in a WITH, one round trip for all. A
 * foreign key between them holds, as PostgreSQL checks it at the end of the statement. SQLite, in-process, runs
 * them one after another.
 */
export async function insertRowsTogether(
  db: Kysely<Database>,
  dialect: Dialect,
  inserts: readonly (readonly [table: keyof Database, bulk: BulkRows])[],
): Promise<void> {
  const parts = inserts.filter(([, bulk]) => bulk.rows.length > 0)
  const size = ([, bulk]: (typeof parts)[number]) =>
    (bulk.constants?.length ?? 0) + bulk.rows.length * bulk.columns.length
  const total = parts.reduce((sum, part) => sum + size(part), 0)
  if (dialect !== 'postgres' || parts.length < 2 || total > MAX_PARAMETERS.postgres) {
    for (const [table, bulk] of parts) await insertRows(db, dialect, table, bulk)
    return
  }
  const parameters: unknown[] = []
  const texts = parts.map(([table, bulk]) => {
    const text = insertSql(
      dialect,
      table,
      bulk.columns,
      bulk.constants ?? [],
      bulk.rows.length,
      bulk.skipConflictsOn,
      parameters.length,
    )
    for (const constant of bulk.constants ?? []) parameters.push(constant[2])
    for (const row of bulk.rows) for (const value of row) parameters.push(value)
    return text
  })
  const last = texts.pop() as string
  const text = `with ${texts.map((t, i) => `"w${i}" as (${t})`).join(', ')} ${last}`
  await db.executeQuery(CompiledQuery.raw(text, parameters))
}

function insertSql(
  dialect: Dialect,
  table: string,
  columns: readonly TypedColumn[],
  constants: readonly (readonly [...TypedColumn, unknown])[],
  rowCount: number,
  skipConflictsOn: readonly string[] | undefined,
  /** PostgreSQL placeholders already used before this statement's text (by statements it travels with). */
  firstMark = 0,
): string {
  const key = [
    dialect,
    firstMark,
    table,
    ...columns.map((c) => c[0]),
    '|',
    ...constants.map((c) => c[0]),
    '|',
    ...(skipConflictsOn ?? []),
    rowCount,
  ].join(',')
  const cached = sqlCache.get(key)
  if (cached !== undefined) return cached
  let n = firstMark
  const mark = (type: string) => (dialect === 'postgres' ? `$${++n}::${type}` : '?')
  const conflict = skipConflictsOn
    ? ` on conflict (${skipConflictsOn.map((c) => `"${c}"`).join(', ')}) do nothing`
    : ''
  if (rowCount === 1 && constants.length > 0) {
    // One row goes in as plain VALUES, the constants first as they are bound: SQLite runs a single-row VALUES
    // directly but a SELECT from one through a subquery, 4–5× the time of the insert (37 µs against 8 µs for a
    // message row), and a single-recipient send is the most common one.
    const single = [...constants, ...columns]
    const text = `insert into "${table}" (${single.map((c) => `"${c[0]}"`).join(', ')}) values (${single.map((c) => mark(c[1])).join(', ')})${conflict}`
    return remember(key, text)
  }
  const names = [...columns, ...constants].map((c) => `"${c[0]}"`).join(', ')
  const aliases = columns.map((_, i) => `c${i}`)
  // Placeholders are numbered in text order: the constants in the select list come before the VALUES rows.
  const constantMarks = constants.map((c) => mark(c[1]))
  const tuples: string[] = new Array(rowCount)
  for (let r = 0; r < rowCount; r++) tuples[r] = `(${columns.map((c) => mark(c[1])).join(',')})`
  const picked =
    dialect === 'postgres' ? aliases.map((a) => `v.${a}`) : columns.map((_, i) => `v.column${i + 1}`)
  const source =
    dialect === 'postgres'
      ? `(values ${tuples.join(',')}) as v(${aliases.join(', ')})`
      : `(values ${tuples.join(',')}) as v`
  // SQLite needs a WHERE before ON CONFLICT after a SELECT, or it reads the ON as a join's.
  const text =
    constants.length === 0
      ? `insert into "${table}" (${names}) values ${tuples.join(',')}${conflict}`
      : `insert into "${table}" (${names}) select ${[...picked, ...constantMarks].join(', ')} from ${source}${conflict ? ` where true${conflict}` : ''}`
  return remember(key, text)
}

export interface BulkUpdate {
  /** The column that picks the row to update (first value of each row). */
  key: TypedColumn
  /** Columns set per row, in the order of each row's values after the key. */
  columns: readonly TypedColumn[]
  rows: readonly (readonly unknown[])[]
  /** Columns set to one value on every row. */
  constants?: readonly (readonly [...TypedColumn, value: unknown])[]
  /** Only rows whose column holds this value are updated. */
  onlyWhere?: readonly [...TypedColumn, value: unknown]
  /** Answer the keys of the rows updated (otherwise nothing is read back). */
  returnKeys?: boolean
}

/**
 * Updates many rows of `table`, each to its own values, in as few `UPDATE … FROM (VALUES …)` statements as
 * possible. Returns the keys of the rows updated when `returnKeys` asks for them, none otherwise.
 */
export async function updateRows(
  db: Kysely<Database>,
  dialect: Dialect,
  table: keyof Database,
  bulk: BulkUpdate,
): Promise<unknown[]> {
  const keys: unknown[] = []
  const restore =
    dialect === 'postgres' && db.isTransaction && bulk.onlyWhere !== undefined
      ? await preferHashJoin(db)
      : null
  for (const statement of updateStatements(dialect, table, bulk)) {
    const result = await db.executeQuery<Record<string, unknown>>(statement)
    if (bulk.returnKeys) for (const row of result.rows) keys.push(row[bulk.key[0]])
  }
  if (restore) await restore()
  return keys
}

/**
 * PostgreSQL, inside a transaction: rules out nested-loop joins and sequential scans until the returned function
 * puts both settings back, so a keyed bulk update reads its rows through the key's index and hashes the VALUES
 * list against them. Left to itself, an update with an extra filter (`onlyWhere`) on a value the statistics have
 * never seen (a new lease owner in a column that was all null) is estimated at one row, and the planner joins by
 * rescanning the whole VALUES list for every row it finds (a 1,000-message hand-over: 317 ms instead of 22 ms);
 * and with no statistics at all it hashes the list against a scan of the whole table. SET LOCAL, so it never
 * outlives the transaction (outside one it would not hold at all).
 */
export async function preferHashJoin(db: Kysely<Database>): Promise<() => Promise<void>> {
  const set = await db.executeQuery<{ loop: string; scan: string }>(
    CompiledQuery.raw(
      `select current_setting('enable_nestloop') as loop, current_setting('enable_seqscan') as scan,
        set_config('enable_nestloop', 'off', true), set_config('enable_seqscan', 'off', true)`,
      [],
    ),
  )
  const { loop = 'on', scan = 'on' } = set.rows[0] ?? {}
  return async () => {
    await db.executeQuery(
      CompiledQuery.raw(
        "select set_config('enable_nestloop', $1, true), set_config('enable_seqscan', $2, true)",
        [loop, scan],
      ),
    )
  }
}

/** The statements `updateRows` runs, one per chunk of rows that fits the dialect's parameter limit. */
export function updateStatements(dialect: Dialect, table: keyof Database, bulk: BulkUpdate): CompiledQuery[] {
  const constants = bulk.constants ?? []
  const width = bulk.columns.length + 1
  // PostgreSQL: one more parameter, the keys as an array (see updateSql).
  const keysParameter = dialect === 'postgres' ? 1 : 0
  const filterParameter = bulk.onlyWhere ? 1 : 0
  const perChunk = Math.floor(
    (MAX_PARAMETERS[dialect] - constants.length - keysParameter - filterParameter) / width,
  )
  const statements: CompiledQuery[] = []
  for (let start = 0; start < bulk.rows.length; start += perChunk) {
    const end = Math.min(start + perChunk, bulk.rows.length)
    const parameters: unknown[] = constants.map((c) => c[2])
    for (let r = start; r < end; r++)
      for (const value of bulk.rows[r] as readonly unknown[]) parameters.push(value)
    if (keysParameter) parameters.push(bulk.rows.slice(start, end).map((row) => row[0]))
    if (bulk.onlyWhere) parameters.push(bulk.onlyWhere[2])
    statements.push(CompiledQuery.raw(updateSql(dialect, table, bulk, constants, end - start), parameters))
  }
  return statements
}

function updateSql(
  dialect: Dialect,
  table: string,
  bulk: BulkUpdate,
  constants: readonly (readonly [...TypedColumn, unknown])[],
  rowCount: number,
): string {
  const columns = [bulk.key, ...bulk.columns]
  const key = [
    'update',
    dialect,
    table,
    ...columns.map((c) => c[0]),
    '|',
    ...constants.map((c) => c[0]),
    '|',
    bulk.onlyWhere?.[0] ?? '',
    bulk.returnKeys === true,
    rowCount,
  ].join(',')
  const cached = sqlCache.get(key)
  if (cached !== undefined) return cached
  let n = 0
  const mark = (type: string) => (dialect === 'postgres' ? `$${++n}::${type}` : '?')
  // Placeholders are numbered in text order: the constants in the SET list come before the VALUES rows, the
  // filter's value last.
  const constantSets = constants.map((c) => `"${c[0]}" = ${mark(c[1])}`)
  const tuples: string[] = new Array(rowCount)
  for (let r = 0; r < rowCount; r++) tuples[r] = `(${columns.map((c) => mark(c[1])).join(',')})`
  // SQLite names a VALUES list's columns column1, column2, …; PostgreSQL lets us name them.
  const ref = (i: number) => (dialect === 'postgres' ? `v.c${i}` : `v.column${i + 1}`)
  const sets = bulk.columns.map((c, i) => `"${c[0]}" = ${ref(i + 1)}`)
  const source =
    dialect === 'postgres'
      ? `(values ${tuples.join(',')}) as v(${columns.map((_, i) => `c${i}`).join(', ')})`
      : `(values ${tuples.join(',')}) as v`
  // PostgreSQL joins a VALUES list by hashing it against a scan of the whole table (most of all without statistics),
  // which grows with the table and its dead row versions; the same keys as `= any($n)` make it look them up in the
  // key's index instead.
  const keyed = `"${table}"."${bulk.key[0]}"`
  const byIndex = dialect === 'postgres' ? ` and ${keyed} = any(${mark(`${bulk.key[1]}[]`)})` : ''
  const only = bulk.onlyWhere ? ` and "${table}"."${bulk.onlyWhere[0]}" = ${mark(bulk.onlyWhere[1])}` : ''
  const returning = bulk.returnKeys ? ` returning ${keyed}` : ''
  const text = `update "${table}" set ${[...sets, ...constantSets].join(', ')} from ${source} where ${keyed} = ${ref(0)}${byIndex}${only}${returning}`
  return remember(key, text)
}
