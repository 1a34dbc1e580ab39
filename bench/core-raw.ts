/**
 * The core bench's baseline: plain better-sqlite3 doing the same SQL work `desk.messages.send` does for a large
 * batch — the batch and ledger rows, the messages in multi-row `INSERT … SELECT … FROM (VALUES …)` chunks that bind
 * only the columns that differ per message (the rest once per statement, the history a funded message starts with
 * among them) — with none of the validation, pricing or funding around it.
 */
import type SQLite from 'better-sqlite3'

type Row = Record<string, unknown>
export interface BatchRows {
  account: Row
  batch: Row
  ledger: Row[]
  messages: Row[]
}

const SQLITE_MAX_PARAMETERS = 32_766
/** The columns desk.messages.send binds per message (sending/store-batch.ts), and those it binds once per statement. */
const VARYING = ['id', 'recipient', 'country', 'price', 'status_code', 'charged']
const CONSTANTS = [
  'account_id',
  'batch_id',
  'sender',
  'body',
  'encoding',
  'segments',
  'currency',
  'reference',
  'source',
  'status_callback_url',
  'send_at',
  'valid_until',
  'attempts',
  'next_attempt_at',
  'created_at',
  'updated_at',
  'history',
]

export function insertLikeDesk(db: SQLite.Database, rows: BatchRows): void {
  const first = rows.messages[0]
  if (!first) throw new Error('bench: no messages to insert')
  const constants = CONSTANTS
  const constantValues = constants.map((c) => first[c])
  const perChunk = Math.floor((SQLITE_MAX_PARAMETERS - constants.length) / VARYING.length)
  const statements = new Map<number, SQLite.Statement>()
  const statementFor = (count: number) => {
    let statement = statements.get(count)
    if (!statement) {
      const tuple = `(${VARYING.map(() => '?').join(',')})`
      const picked = VARYING.map((_, i) => `v.column${i + 1}`)
      statement = db.prepare(
        `insert into "messages" (${[...VARYING, ...constants].map((c) => `"${c}"`).join(', ')})
         select ${[...picked, ...constants.map(() => '?')].join(', ')} from (values ${Array(count).fill(tuple).join(',')}) as v`,
      )
      statements.set(count, statement)
    }
    return statement
  }
  db.transaction(() => {
    insertRow(db, 'batches', rows.batch)
    for (const { id: _id, ...entry } of rows.ledger) insertRow(db, 'ledger_entries', entry)
    for (let start = 0; start < rows.messages.length; start += perChunk) {
      const chunk = rows.messages.slice(start, start + perChunk)
      // Placeholders in text order: the VALUES rows' come after the select list's constants.
      const parameters: unknown[] = [...constantValues]
      for (const m of chunk) for (const c of VARYING) parameters.push(m[c])
      statementFor(chunk.length).run(parameters)
    }
  })()
}

export function insertRow(db: SQLite.Database, table: string, row: Row): void {
  const columns = Object.keys(row)
  db.prepare(
    `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values (${columns.map(() => '?').join(',')})`,
  ).run(...Object.values(row))
}
