/**
 * Records statuses for messages: a history row (once per code), the current status moved forward only, the
 * refund its code calls for (104 Refunded first), and a status-callback row — all in the caller's transaction.
 * Many changes are recorded with a handful of statements, whatever their number: one read of the messages and the
 * codes they have (on PostgreSQL two: the lock, then the codes), one insert of the new history rows, one update of the messages (plus a refund's two rows).
 */
import { type Kysely, sql } from 'kysely'
import type { Dialect } from '../context.ts'
import { iso } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { refundMessage } from '../ledger/balance.ts'
import { insertRows, type TypedColumn, updateRows } from '../sending/bulk-insert.ts'
import { isFinalCode, STATUSES, statusName } from '../status/catalogue.ts'
import type { Database, MessageRow, WebhookDeliveriesTable } from '../store/schema.ts'
import { callbackRow } from './callbacks.ts'
import { advancesTo } from './progress.ts'
import { refundDue } from './refunds.ts'

export interface StatusInput {
  code: number
  /** When it happened (a report's own time); the history is ordered by it. */
  at: Date
  detail?: string | null
  /** The gateway itself said so: proof that it took the message. */
  fromGateway?: boolean
  /** The gateway's id, stored with 111 DeliveredToGateway. */
  gatewayId?: string
}

export type RecordOutcome = 'recorded' | 'duplicate' | 'unknown'

const MESSAGE_STATE = [
  'id',
  'account_id',
  'batch_id',
  'recipient',
  'reference',
  'status_code',
  'charged',
  'price',
  'gateway_id',
  'status_callback_url',
] as const

const STATUS_COLUMNS: readonly TypedColumn[] = [
  ['message_id', 'text'],
  ['code', 'integer'],
  ['seq', 'integer'],
  ['at', 'text'],
  ['detail', 'text'],
]
const STATE_COLUMNS: readonly TypedColumn[] = [
  ['id', 'text'],
  ['status_code', 'integer'],
  ['charged', 'integer'],
  ['gateway_id', 'text'],
]
/**
 * Ids per read: far below either driver's parameter limit, and few enough that PostgreSQL's estimate for the
 * codes' sub-selects stays under its default JIT threshold (jit_above_cost 100,000) at any table size.
 */
const CHUNK = 500

/**
 * Applies `input` to message `messageId` inside `trx`. Returns the outcome and the events to emit once the
 * transaction has committed. On PostgreSQL the message row is locked first so racing reports cannot refund twice.
 */
export async function recordStatus(
  trx: Kysely<Database>,
  dialect: Dialect,
  messageId: string,
  input: StatusInput,
  now: Date,
): Promise<{ outcome: RecordOutcome; events: StatusChangeEvent[] }> {
  const { outcomes, events } = await recordStatusBatch(trx, dialect, [[messageId, input]], now)
  return { outcome: outcomes[0] ?? 'unknown', events }
}

/** Columns set to one value on every message a batch of changes updates (the dispatcher's lease, released). */
export type AlsoSet = readonly (readonly [...TypedColumn, value: unknown])[]

/** Messages as `recordStatusBatch` reads them before recording: each one's state and the codes it has. */
export interface RecordingRead {
  /** The ids read, found or not. */
  readonly asked: ReadonlySet<string>
  readonly states: Map<string, MessageState>
  readonly histories: Map<string, Set<number>>
}

/**
 * Reads the messages `ids` as `recordStatusBatch` would (locked first on PostgreSQL), for a caller that works out its
 * changes from their current state: handed to that batch as `read`, they are not read again (and it updates them).
 */
export async function readForRecording(
  trx: Kysely<Database>,
  dialect: Dialect,
  ids: readonly string[],
): Promise<RecordingRead> {
  const { states, histories } = await readStates(trx, dialect, ids, false)
  return { asked: new Set(ids), states, histories }
}

/**
 * Applies each `[messageId, status]` in order inside `trx`, as if one after the other (a later change for the same
 * message sees the earlier one). Returns each change's outcome, the events to emit after the commit, and the ids of
 * the messages it updated (with `alsoSet` set on them in the same statement, so a row is rewritten once).
 * On PostgreSQL the messages' rows are locked first, so racing recorders cannot refund twice.
 */
export async function recordStatusBatch(
  trx: Kysely<Database>,
  dialect: Dialect,
  changes: readonly (readonly [string, StatusInput])[],
  now: Date,
  opts: { alsoSet?: AlsoSet; lockedByCaller?: boolean; read?: RecordingRead } = {},
): Promise<{ outcomes: RecordOutcome[]; events: StatusChangeEvent[]; updated: ReadonlySet<string> }> {
  const alsoSet = opts.alsoSet ?? []
  const { read } = opts
  const ids = [...new Set(changes.map(([id]) => id))].filter((id) => !read?.asked.has(id))
  const { states, histories } = await readStates(trx, dialect, ids, opts.lockedByCaller === true)
  if (read) {
    for (const [id, state] of read.states) states.set(id, state)
    for (const [id, codes] of read.histories) histories.set(id, codes)
  }
  const nowText = iso(now)

  const outcomes: RecordOutcome[] = []
  const events: StatusChangeEvent[] = []
  const statusRows: unknown[][] = []
  const callbacks: WebhookDeliveriesTable[] = []
  const refunds: Parameters<typeof refundMessage>[1][] = []
  const changed = new Set<string>()
  let learnedGatewayIds = false

  for (const [messageId, input] of changes) {
    const message = states.get(messageId)
    const history = histories.get(messageId) ?? new Set<number>()
    histories.set(messageId, history)
    if (!message) {
      outcomes.push('unknown')
      continue
    }
    const learnsGatewayId = input.gatewayId !== undefined && message.gateway_id === null
    if (history.has(input.code)) {
      // A report may have implied the hand-over before the submit's answer was stored; keep the gateway's id anyway.
      if (learnsGatewayId) {
        message.gateway_id = input.gatewayId as string
        learnedGatewayIds = true
        changed.add(messageId)
      }
      outcomes.push('duplicate')
      continue
    }
    const moves = advancesTo(message.status_code, input.code)
    const handedOver =
      message.gateway_id !== null || input.fromGateway === true || input.gatewayId !== undefined
    const refund =
      moves && isFinalCode(input.code) && message.charged === 1 && refundDue(input.code, handedOver)

    const steps: { code: number; detail: string | null }[] = []
    if (refund && !history.has(104))
      steps.push({ code: 104, detail: `Refunded: ended with ${input.code} ${statusName(input.code)}` })
    steps.push({ code: input.code, detail: input.detail ?? null })
    const at = iso(input.at)
    for (const step of steps) {
      history.add(step.code)
      // One row per code, so the codes so far number the steps so far (the set holds those read and those added).
      statusRows.push([messageId, step.code, history.size, at, step.detail])
      const callback = callbackRow(message, step.code, input.at, now)
      if (callback) callbacks.push(callback)
      events.push({
        accountId: message.account_id,
        messageId,
        batchId: message.batch_id,
        recipient: message.recipient,
        code: step.code,
        name: statusName(step.code),
        final: isFinalCode(step.code),
        at: input.at,
      })
    }
    if (refund) {
      refunds.push({
        accountId: message.account_id,
        batchId: message.batch_id,
        messageId,
        amount: Number(message.price),
        note: `${input.code} ${statusName(input.code)}`,
        at: now,
      })
      message.charged = 0
    }
    if (moves) message.status_code = input.code
    if (learnsGatewayId) {
      message.gateway_id = input.gatewayId as string
      learnedGatewayIds = true
    }
    changed.add(messageId)
    outcomes.push('recorded')
  }

  if (statusRows.length > 0)
    await insertRows(trx, dialect, 'message_statuses', { columns: STATUS_COLUMNS, rows: statusRows })
  for (const refund of refunds) await refundMessage(trx, refund)
  if (changed.size > 0) {
    // Only the columns that may have changed: SQLite rewrites a column's index entries whenever the UPDATE sets it,
    // to the same value too (the gateway's id is indexed, and learned once per message).
    const columns = STATE_COLUMNS.filter(
      ([name]) =>
        name === 'status_code' ||
        (name === 'charged' && refunds.length > 0) ||
        (name === 'gateway_id' && learnedGatewayIds),
    )
    const rows = [...changed].map((id) => {
      const m = states.get(id) as MessageState
      return [id, ...columns.map(([name]) => m[name as 'status_code' | 'charged' | 'gateway_id'])]
    })
    await updateRows(trx, dialect, 'messages', {
      key: ['id', 'text'],
      columns,
      rows,
      constants: [['updated_at', 'text', nowText], ...alsoSet],
    })
  }
  if (callbacks.length > 0) await trx.insertInto('webhook_deliveries').values(callbacks).execute()
  return { outcomes, events, updated: changed }
}

type MessageState = Pick<MessageRow, (typeof MESSAGE_STATE)[number]>

/**
 * The messages' current state and the codes each already has. On SQLite (one writer at a time), and for rows the
 * caller has locked, one statement reads both. On PostgreSQL the messages are locked first and their codes read by a second statement, which sees what a
 * recorder we waited for committed meanwhile (a locking read's sub-selects would keep its older snapshot).
 */
async function readStates(
  trx: Kysely<Database>,
  dialect: Dialect,
  ids: readonly string[],
  lockedByCaller: boolean,
): Promise<{ states: Map<string, MessageState>; histories: Map<string, Set<number>> }> {
  const states = new Map<string, MessageState>()
  const histories = new Map<string, Set<number>>()
  const addCodes = (id: string, codes: string | null) =>
    histories.set(id, new Set(codes ? codes.split(',').map(Number) : []))
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK)
    // Rows the caller's transaction has locked already can be read with their codes in one plain statement: it
    // takes a fresh snapshot, after the lock.
    if (dialect === 'postgres' && !lockedByCaller) {
      const locked = await trx
        .selectFrom('messages')
        .select(MESSAGE_STATE)
        .where('id', 'in', chunk)
        .orderBy('id')
        .forUpdate()
        .execute()
      for (const row of locked) states.set(row.id, { ...row, charged: Number(row.charged) })
      if (locked.length === 0) continue
      for (const row of await codesQuery(trx, dialect, chunk).execute()) addCodes(row.id, row.codes)
    } else {
      const rows = await trx
        .selectFrom('messages')
        .select([...MESSAGE_STATE, codesOf(dialect).as('codes')])
        .where('id', 'in', chunk)
        .execute()
      for (const { codes, ...row } of rows) {
        states.set(row.id, { ...row, charged: Number(row.charged) })
        addCodes(row.id, codes)
      }
    }
  }
  return { states, histories }
}

/**
 * Each message's codes, comma-separated, from a correlated sub-select with a LIMIT (no message holds more codes than
 * the catalogue): PostgreSQL then reads them through the (message_id, code) index whatever the table's size and
 * whether or not it has statistics — a plain `message_id IN (…)` is planned as a whole-table scan until ANALYZE has
 * run, and without the LIMIT the estimate grows with the table past the point where JIT compilation starts.
 */
function codesOf(dialect: Dialect) {
  const limit = sql.lit(STATUSES.length)
  return dialect === 'postgres'
    ? sql<
        string | null
      >`(select string_agg("code"::text, ',') from (select "code" from "message_statuses" as "s"
        where "s"."message_id" = "messages"."id" limit ${limit}) as "c")`
    : sql<string | null>`(select group_concat("code") from (select "code" from "message_statuses" as "s"
        where "s"."message_id" = "messages"."id" limit ${limit}))`
}

/** The codes of the messages `ids` (exported for the test that checks PostgreSQL's plan for it). */
export function codesQuery(trx: Kysely<Database>, dialect: Dialect, ids: readonly string[]) {
  return trx
    .selectFrom('messages')
    .select(['id', codesOf(dialect).as('codes')])
    .where('id', 'in', ids)
}

/** Ids per statement of `recordStepOnce`: far below either driver's parameter limit. */
const STEP_CHUNK = 1_000

type Step = { code: number; at: string; detail: string | null }

/**
 * Records one step (`code` at `at`) for each of `ids` that does not have it yet, each numbered after the steps its
 * message already has — one statement per thousand, whatever their histories, for steps that come one per message
 * (the dispatcher's 110 Sending). Their messages must be locked by the caller's transaction (a claim's UPDATE).
 */
export async function recordStepOnce(
  trx: Kysely<Database>,
  dialect: Dialect,
  ids: readonly string[],
  step: Step,
): Promise<void> {
  for (let start = 0; start < ids.length; start += STEP_CHUNK)
    await stepOnceStatement(dialect, ids.slice(start, start + STEP_CHUNK), step).execute(trx)
}

/** `recordStepOnce`'s statement for up to a chunk of ids (exported for the test that checks its plan). */
export function stepOnceStatement(dialect: Dialect, ids: readonly string[], step: Step) {
  const values = sql.join(ids.map((id) => sql`(${id})`))
  const [id, source] =
    dialect === 'postgres'
      ? [sql.ref('v.c0'), sql`(values ${values}) as "v"("c0")`]
      : [sql.ref('v.column1'), sql`(values ${values}) as "v"`]
  // The number is read like the codes (under a LIMIT of the catalogue's size), so PostgreSQL stays on the key's
  // index without statistics. SQLite needs a WHERE before ON CONFLICT after a SELECT, or it reads the ON as a join's.
  return sql`insert into "message_statuses" ("message_id", "code", "seq", "at", "detail")
    select ${id}, ${sql.lit(step.code)},
      (select coalesce(max("seq"), 0) + 1 from (select "seq" from "message_statuses" as "s"
        where "s"."message_id" = ${id} limit ${sql.lit(STATUSES.length)}) as "q"),
      cast(${step.at} as text), cast(${step.detail} as text)
    from ${source} where true
    on conflict ("message_id", "code") do nothing`
}
