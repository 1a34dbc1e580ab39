/**
 * One measurement of `bench/core.ts`'s memory figures, in a process of its own so that its peak resident size
 * (the kernel's maxRSS) belongs to that one job: `idle` loads the same modules and opens the same database,
 * `desk` sends one 100,000-recipient batch through desk.messages.send, `raw` inserts 100,000 message rows and their
 * status rows with plain better-sqlite3. Prints one JSON line: { maxRssKb, heapUsedKb }.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { createDesk, openDatabase } from '../packages/core/src/index.ts'
import { FUNDED_HISTORY } from '../packages/core/src/messages/history.ts'

const RECIPIENTS = 100_000
const BODY = 'Hej! Din tid hos oss är bekräftad till torsdag kl 14:30. Svara STOPP för att avregistrera dig.'

const job = process.argv[2]
const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-mem-'))
try {
  const file = join(dir, 'smsdesk.sqlite')
  const numbers = Array.from(
    { length: RECIPIENTS },
    (_, i) => `+4670${String(1_000_000 + i).padStart(7, '0')}`,
  )
  if (job === 'raw') {
    await (await openDatabase({ file })).close()
    insertRaw(file, numbers)
  } else {
    const desk = await createDesk({ database: file })
    const account = await desk.accounts.create({ name: 'memory', balance: RECIPIENTS * 100 })
    if (job === 'desk') {
      const result = await desk.messages.send(account.id, {
        sender: 'Bench',
        recipients: numbers,
        body: BODY,
      })
      if (result.messages.length !== RECIPIENTS) throw new Error('bench: the batch was not stored whole')
    } else if (job !== 'idle') throw new Error(`bench: unknown memory job ${job}`)
    await desk.close()
  }
  const { heapUsed } = process.memoryUsage()
  console.log(
    JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, heapUsedKb: Math.round(heapUsed / 1024) }),
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}

/** The row desk.messages.send stores for each message (with its history 101, 102, 103), one prepared insert each, one transaction. */
function insertRaw(file: string, numbers: string[]): void {
  const db = new SQLite(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    const now = new Date().toISOString()
    const valid = new Date(Date.now() + 72 * 3_600_000).toISOString()
    db.prepare(
      `insert into accounts (id, name, currency, balance, na_campaign, banned_words, created_at)
       values ('acc_raw', 'raw', 'SEK', 0, 0, '[]', ?)`,
    ).run(now)
    db.prepare(
      `insert into batches (id, account_id, source, message_count, total_segments, total_price, currency, created_at)
       values ('bat_raw', 'acc_raw', 'api', ?, ?, ?, 'SEK', ?)`,
    ).run(numbers.length, numbers.length, numbers.length * 49, now)
    const message = db.prepare(
      `insert into messages (id, account_id, batch_id, sender, recipient, country, body, encoding, segments, price,
         currency, status_code, charged, source, send_at, valid_until, attempts, next_attempt_at, created_at, updated_at,
         history)
       values (?, 'acc_raw', 'bat_raw', 'Bench', ?, 'SE', ?, 'GSM-7', 1, 49, 'SEK', 103, 1, 'api', ?, ?, 0, ?, ?, ?, ?)`,
    )
    db.transaction(() => {
      numbers.forEach((number, i) => {
        const id = `msg_raw${String(i).padStart(7, '0')}`
        message.run(id, number, BODY, now, valid, now, now, now, FUNDED_HISTORY)
      })
    })()
  } finally {
    db.close()
  }
}
