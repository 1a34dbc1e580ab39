/**
 * Core bench: a 100,000-recipient batch validated, priced, funded and stored on SQLite through `desk.messages.send`,
 * beside a raw better-sqlite3 insert of the very same rows (batch, ledger, messages and their status rows) into a
 * fresh database with the same schema and pragmas, measured in the same run. The ratio is the figure.
 * Memory: the same send's peak resident size above an idle process, beside a raw insert's, each in its own process.
 * Opt-out links: the same send from an account in link mode (a token per recipient, made in the send's transaction)
 * beside one without, alternating in the same run.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { createDesk, openDatabase } from '../packages/core/src/index.ts'

const RECIPIENTS = 100_000
const RUNS = 3
const SQLITE_MAX_PARAMETERS = 32_766

type Row = Record<string, unknown>
interface BatchRows {
  account: Row
  batch: Row
  ledger: Row[]
  messages: Row[]
  statuses: Row[]
}

export default async function benchCore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-'))
  try {
    const file = join(dir, 'desk.sqlite')
    const desk = await createDesk({ database: file })
    const numbers = Array.from(
      { length: RECIPIENTS },
      (_, i) => `+4670${String(1_000_000 + i).padStart(7, '0')}`,
    )
    const body =
      'Hej! Din tid hos oss är bekräftad till torsdag kl 14:30. Svara STOPP för att avregistrera dig.'

    // Warm-up: JIT, statement caches, phone metadata.
    const warm = await desk.accounts.create({ name: 'warm-up', balance: 10_000_000 })
    await desk.messages.send(warm.id, { sender: 'Bench', recipients: numbers.slice(0, 2_000), body })

    // Desk and raw runs alternate, so a busy machine slows both alike; each pair gives one ratio.
    const deskTimes: number[] = []
    const rowByRow: number[] = []
    const multiRow: number[] = []
    const ratios: number[] = []
    let statusRows = 0
    for (let run = 0; run < RUNS; run++) {
      const account = await desk.accounts.create({ name: `bench ${run}`, balance: RECIPIENTS * 100 })
      const started = performance.now()
      const result = await desk.messages.send(account.id, { sender: 'Bench', recipients: numbers, body })
      const deskMs = performance.now() - started
      if (result.total.messages !== RECIPIENTS)
        throw new Error(`bench: only ${result.total.messages} were funded`)
      const rows = readBatchRows(file, account.id, result.batchId)
      statusRows = rows.statuses.length
      const rowMs = await timedRawInsert(join(dir, `row-${run}.sqlite`), rows, insertRowByRow)
      const multiMs = await timedRawInsert(join(dir, `multi-${run}.sqlite`), rows, insertMultiRow)
      deskTimes.push(deskMs)
      rowByRow.push(rowMs)
      multiRow.push(multiMs)
      ratios.push(Math.min(rowMs, multiMs) / deskMs)
    }
    const links = await benchLinks(desk, numbers, body)
    await desk.close()

    const rate = (ms: number) => Math.round((RECIPIENTS / ms) * 1000)
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? 0
    console.log(
      `100,000-recipient batch on SQLite, best of ${RUNS} alternating runs (each message also stores ${statusRows / RECIPIENTS} status rows)`,
    )
    console.log(
      `  desk.messages.send — validate, price, fund, store: ${line(rate(Math.min(...deskTimes)), deskTimes)}`,
    )
    console.log(`  raw better-sqlite3, prepared row by row: ${line(rate(Math.min(...rowByRow)), rowByRow)}`)
    console.log(`  raw better-sqlite3, multi-row chunks:    ${line(rate(Math.min(...multiRow)), multiRow)}`)
    console.log(
      `  ratio desk.messages.send / faster raw insert (median of the run pairs): ${median.toFixed(2)}  [${ratios.map((r) => r.toFixed(2)).join(', ')}]  (aim: ≥ 0.50, and > 50,000 messages/s)`,
    )
    const linkMedian = [...links.ratios].sort((a, b) => a - b)[Math.floor(links.ratios.length / 2)] ?? 0
    console.log(
      `100,000-recipient batch with an opt-out link per recipient, best of ${RUNS} alternating runs`,
    )
    console.log(`  without opt-out (mode off):              ${line(rate(Math.min(...links.off)), links.off)}`)
    console.log(
      `  with links (100,000 new tokens):         ${line(rate(Math.min(...links.link)), links.link)}`,
    )
    console.log(
      `  ratio with links / without (median of the run pairs): ${linkMedian.toFixed(2)}  [${links.ratios.map((r) => r.toFixed(2)).join(', ')}]  (aim: ≥ 0.70)`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  benchMemory()
}

/** The same send with and without opt-out links, alternating; each pair gives one ratio of the rates. */
async function benchLinks(
  desk: Awaited<ReturnType<typeof createDesk>>,
  numbers: string[],
  body: string,
): Promise<{ off: number[]; link: number[]; ratios: number[] }> {
  const off: number[] = []
  const link: number[] = []
  const ratios: number[] = []
  const timedSend = async (withLinks: boolean, run: number): Promise<number> => {
    const account = await desk.accounts.create({
      name: `links ${withLinks} ${run}`,
      balance: RECIPIENTS * 200,
    })
    if (withLinks) {
      await desk.optOut.setService(account.id, { link: true, reply: false })
      await desk.optOut.updateSettings(account.id, { mode: 'link' })
    }
    const started = performance.now()
    const result = await desk.messages.send(account.id, { sender: 'Bench', recipients: numbers, body })
    const ms = performance.now() - started
    if (result.total.messages !== RECIPIENTS)
      throw new Error(`bench: only ${result.total.messages} were funded`)
    if (withLinks && result.messages[0]?.optOut !== 'link') throw new Error('bench: no link was added')
    return ms
  }
  for (let run = 0; run < RUNS; run++) {
    const offMs = await timedSend(false, run)
    const linkMs = await timedSend(true, run)
    off.push(offMs)
    link.push(linkMs)
    ratios.push(offMs / linkMs)
  }
  return { off, link, ratios }
}

/** Peak resident size of each job in a fresh process, above the idle one's: what the job itself needed. */
function benchMemory(): void {
  const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx')
  const child = join(import.meta.dirname, 'core-memory-child.ts')
  const measure = (job: string) => {
    // The least of two runs: the peak a job needs, with less of what the machine happened to add.
    const runs = [0, 1].map(() => {
      const out = execFileSync(tsx, [child, job], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '{}'
      return (JSON.parse(out) as { maxRssKb: number }).maxRssKb
    })
    return Math.min(...runs)
  }
  const idle = measure('idle')
  const desk = measure('desk') - idle
  const raw = measure('raw') - idle
  const mb = (kb: number) => `${(kb / 1024).toFixed(0).padStart(4)} MB`
  console.log(
    'Memory for the same batch: peak resident size above an idle process with the same modules and database',
  )
  console.log(`  idle process (baseline):                ${mb(idle)}`)
  console.log(
    `  desk.messages.send, 100,000 recipients:          ${mb(desk)}  (${Math.round((desk * 1024) / RECIPIENTS)} bytes a message)`,
  )
  console.log(`  raw better-sqlite3 insert, row by row:  ${mb(raw)}`)
  console.log(`  ratio desk.messages.send / raw insert: ${(desk / Math.max(1, raw)).toFixed(1)}`)
}

function line(rate: number, times: number[]): string {
  return `${rate.toLocaleString('en-US').padStart(8)} messages/s  (${Math.round(Math.min(...times))} ms)`
}

function readBatchRows(file: string, accountId: string, batchId: string): BatchRows {
  const db = new SQLite(file, { readonly: true })
  try {
    return {
      account: db.prepare('select * from accounts where id = ?').get(accountId) as Row,
      batch: db.prepare('select * from batches where id = ?').get(batchId) as Row,
      ledger: db.prepare('select * from ledger_entries where batch_id = ? order by id').all(batchId) as Row[],
      messages: db.prepare('select * from messages where batch_id = ? order by id').all(batchId) as Row[],
      statuses: db
        .prepare(
          'select message_id, code, at, detail from message_statuses where message_id in (select id from messages where batch_id = ?) order by id',
        )
        .all(batchId) as Row[],
    }
  } finally {
    db.close()
  }
}

/** A fresh database migrated by our own migrations, reopened with plain better-sqlite3 and openDatabase's pragmas. */
async function timedRawInsert(
  file: string,
  rows: BatchRows,
  insert: (db: SQLite.Database, rows: BatchRows) => void,
): Promise<number> {
  const migrated = await openDatabase({ file })
  await migrated.close()
  const db = new SQLite(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.prepare(insertSql('accounts', columnsOf(rows.account), 1)).run(...Object.values(rows.account))
    const started = performance.now()
    insert(db, rows)
    return performance.now() - started
  } finally {
    db.close()
  }
}

function insertRowByRow(db: SQLite.Database, rows: BatchRows): void {
  db.transaction(() => {
    insertHead(db, rows)
    const message = db.prepare(insertSql('messages', columnsOf(rows.messages[0]), 1))
    for (const m of rows.messages) message.run(...Object.values(m))
    const status = db.prepare(insertSql('message_statuses', columnsOf(rows.statuses[0]), 1))
    for (const s of rows.statuses) status.run(...Object.values(s))
  })()
}

function insertMultiRow(db: SQLite.Database, rows: BatchRows): void {
  db.transaction(() => {
    insertHead(db, rows)
    insertChunked(db, 'messages', rows.messages)
    insertChunked(db, 'message_statuses', rows.statuses)
  })()
}

function insertHead(db: SQLite.Database, rows: BatchRows): void {
  db.prepare(insertSql('batches', columnsOf(rows.batch), 1)).run(...Object.values(rows.batch))
  for (const entry of rows.ledger) {
    const { id: _id, ...rest } = entry
    db.prepare(insertSql('ledger_entries', columnsOf(rest), 1)).run(...Object.values(rest))
  }
}

function insertChunked(db: SQLite.Database, table: string, list: Row[]): void {
  const columns = columnsOf(list[0])
  const perChunk = Math.floor(SQLITE_MAX_PARAMETERS / columns.length)
  let full: SQLite.Statement | undefined
  for (let start = 0; start < list.length; start += perChunk) {
    const chunk = list.slice(start, start + perChunk)
    if (chunk.length === perChunk && !full) full = db.prepare(insertSql(table, columns, perChunk))
    const statement =
      chunk.length === perChunk && full ? full : db.prepare(insertSql(table, columns, chunk.length))
    const params: unknown[] = []
    for (const row of chunk) for (const v of Object.values(row)) params.push(v)
    statement.run(...params)
  }
}

function columnsOf(row: Row | undefined): string[] {
  if (!row) throw new Error('bench: no rows to insert')
  return Object.keys(row)
}

function insertSql(table: string, columns: string[], count: number): string {
  const tuple = `(${columns.map(() => '?').join(',')})`
  return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array(count).fill(tuple).join(',')}`
}
