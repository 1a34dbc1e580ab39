/**
 * Core bench: a 100,000-recipient batch validated, priced, funded and stored on SQLite through `desk.messages.send`,
 * once with E.164 numbers and once with local forms (070-…), beside plain better-sqlite3 doing the same SQL work
 * (bench/core-raw.ts) into a fresh database with the same schema and pragmas, measured in the same run. The ratios
 * are the figures. Memory: the same send's peak resident size above an idle process, beside a raw insert's.
 * Opt-out links: the same send from an account in link mode (a token per recipient, made in the send's transaction)
 * beside one without, alternating in the same run.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { createDesk, openDatabase } from '../packages/core/src/index.ts'
import { parseHistory } from '../packages/core/src/messages/history.ts'
import { type BatchRows, insertLikeDesk, insertRow } from './core-raw.ts'

const RECIPIENTS = 100_000
const RUNS = 3

export default async function benchCore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-'))
  try {
    const file = join(dir, 'desk.sqlite')
    const desk = await createDesk({ database: file })
    const national = (i: number) => String(1_000_000 + i).padStart(7, '0')
    const e164 = Array.from({ length: RECIPIENTS }, (_, i) => `+4670${national(i)}`)
    // What people paste from a spreadsheet: 070-123 45 67.
    const local = Array.from({ length: RECIPIENTS }, (_, i) => {
      const n = national(i)
      return `070-${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`
    })
    const body =
      'Hej! Din tid hos oss är bekräftad till torsdag kl 14:30. Svara STOPP för att avregistrera dig.'

    // Warm-up: JIT, statement caches, phone metadata.
    const warm = await desk.accounts.create({ name: 'warm-up', balance: 10_000_000 })
    for (const recipients of [e164, local])
      await desk.messages.send(warm.id, { sender: 'Bench', recipients: recipients.slice(0, 2_000), body })

    // Desk and raw runs alternate, so a busy machine slows both alike; each pair gives one ratio.
    const times = { e164: [] as number[], local: [] as number[], raw: [] as number[] }
    const ratios = { e164: [] as number[], local: [] as number[] }
    let historySteps = 0
    for (let run = 0; run < RUNS; run++) {
      let rows: BatchRows | undefined
      for (const [form, recipients] of [
        ['e164', e164],
        ['local', local],
      ] as const) {
        const account = await desk.accounts.create({
          name: `bench ${form} ${run}`,
          balance: RECIPIENTS * 100,
        })
        const started = performance.now()
        const result = await desk.messages.send(account.id, { sender: 'Bench', recipients, body })
        times[form].push(performance.now() - started)
        if (result.total.messages !== RECIPIENTS)
          throw new Error(`bench: only ${result.total.messages} were funded`)
        rows ??= readBatchRows(file, account.id, result.batchId)
        historySteps = countHistorySteps(file, result.batchId)
      }
      times.raw.push(await timedRawInsert(join(dir, `raw-${run}.sqlite`), rows as BatchRows))
      const raw = times.raw[run] as number
      ratios.e164.push(raw / (times.e164[run] as number))
      ratios.local.push(raw / (times.local[run] as number))
    }
    const links = await benchLinks(desk, e164, body)
    await desk.close()

    const rate = (list: number[]) => Math.round((RECIPIENTS / Math.min(...list)) * 1000)
    const line = (list: number[]) =>
      `${rate(list).toLocaleString('en-US').padStart(8)} messages/s  (best ${Math.round(Math.min(...list))} ms)`
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0
    const ratioLine = (list: number[]) =>
      `${median(list).toFixed(2)}  [${list.map((r) => r.toFixed(2)).join(', ')}]`
    console.log(
      `100,000-recipient batch on SQLite, best of ${RUNS} alternating runs (each message's row also holds ${historySteps / RECIPIENTS} history steps)`,
    )
    console.log(`  desk.messages.send, E.164 numbers (+4670…):        ${line(times.e164)}`)
    console.log(`  desk.messages.send, local forms (070-123 45 67):   ${line(times.local)}`)
    console.log(`  raw better-sqlite3, the same SQL (baseline):       ${line(times.raw)}`)
    console.log(
      `  ratio desk / raw, E.164 (median of the run pairs): ${ratioLine(ratios.e164)}  (aim: ≥ 0.50)`,
    )
    console.log(
      `  ratio desk / raw, local forms:                     ${ratioLine(ratios.local)}  (aim: ≥ 0.50)`,
    )
    console.log(
      `100,000-recipient batch with an opt-out link per recipient, best of ${RUNS} alternating runs`,
    )
    console.log(`  without opt-out (mode off):              ${line(links.off)}`)
    console.log(`  with links (100,000 new tokens):         ${line(links.link)}`)
    console.log(
      `  ratio with links / without (median of the run pairs): ${ratioLine(links.ratios)}  (aim: ≥ 0.70)`,
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

function readBatchRows(file: string, accountId: string, batchId: string): BatchRows {
  const db = new SQLite(file, { readonly: true })
  try {
    return {
      account: db.prepare('select * from accounts where id = ?').get(accountId) as BatchRows['account'],
      batch: db.prepare('select * from batches where id = ?').get(batchId) as BatchRows['batch'],
      ledger: db
        .prepare('select * from ledger_entries where batch_id = ? order by id')
        .all(batchId) as BatchRows['ledger'],
      messages: db
        .prepare('select * from messages where batch_id = ? order by id')
        .all(batchId) as BatchRows['messages'],
    }
  } finally {
    db.close()
  }
}

/** The history steps the batch's messages hold in their rows. */
function countHistorySteps(file: string, batchId: string): number {
  const db = new SQLite(file, { readonly: true })
  try {
    let steps = 0
    for (const row of db.prepare('select history from messages where batch_id = ?').iterate(batchId))
      steps += parseHistory((row as { history: string }).history).length
    return steps
  } finally {
    db.close()
  }
}

/** A fresh database migrated by our own migrations, reopened with plain better-sqlite3 and openDatabase's pragmas. */
async function timedRawInsert(file: string, rows: BatchRows): Promise<number> {
  const migrated = await openDatabase({ file })
  await migrated.close()
  const db = new SQLite(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    insertRow(db, 'accounts', rows.account)
    const started = performance.now()
    insertLikeDesk(db, rows)
    return performance.now() - started
  } finally {
    db.close()
  }
}
