/**
 * Records statuses for messages: a step appended to the history in the message's row (once per code), the current
 * status moved forward only, the refund its code calls for (104 Refunded first), and a status-callback row — all in
 * the caller's transaction. Many changes are recorded with a handful of statements, whatever their number: one read
 * of the messages with their histories (locking them on PostgreSQL), one update of the messages (plus a refund's two
 * rows and the callbacks).
 */
import { type Kysely, sql } from 'kysely'
import type { Dialect } from '../context.ts'
import { iso } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { refundMessage } from '../ledger/balance.ts'
import { type TypedColumn, updateRows } from '../sending/bulk-insert.ts'
import { isFinalCode, statusName } from '../status/catalogue.ts'
import type { Database, MessageRow, WebhookDeliveriesTable } from '../store/schema.ts'
import { callbackRow } from './callbacks.ts'
import { appendSteps, historyCodes, stepText } from './history.ts'
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
  'history',
] as const

const STATE_COLUMNS: readonly TypedColumn[] = [
  ['id', 'text'],
  ['status_code', 'integer'],
  ['history', 'text'],
  ['charged', 'integer'],
  ['gateway_id', 'text'],
]
/** Ids per read: far below either driver's parameter limit. */
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
  let stepsRecorded = 0
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
    message.history = appendSteps(
      message.history,
      steps.map((step) => stepText(step.code, at, step.detail)),
    )
    stepsRecorded += steps.length
    for (const step of steps) {
      history.add(step.code)
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

  for (const refund of refunds) await refundMessage(trx, refund)
  if (changed.size > 0) {
    // Only the columns that may have changed: SQLite rewrites a column's index entries whenever the UPDATE sets it,
    // to the same value too (the gateway's id is indexed, and learned once per message).
    const columns = STATE_COLUMNS.filter(
      ([name]) =>
        name === 'status_code' ||
        (name === 'history' && stepsRecorded > 0) ||
        (name === 'charged' && refunds.length > 0) ||
        (name === 'gateway_id' && learnedGatewayIds),
    )
    const rows = [...changed].map((id) => {
      const m = states.get(id) as MessageState
      return [id, ...columns.map(([name]) => m[name as 'status_code' | 'history' | 'charged' | 'gateway_id'])]
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
 * The messages' current state with their histories, the codes each already has taken from its history. On
 * PostgreSQL the rows are locked (`FOR UPDATE`) unless the caller's transaction holds them already: a locking read
 * answers the newest version of a row it waited for, history included, so racing recorders cannot record a code
 * twice or refund twice. SQLite has one writer at a time.
 */
async function readStates(
  trx: Kysely<Database>,
  dialect: Dialect,
  ids: readonly string[],
  lockedByCaller: boolean,
): Promise<{ states: Map<string, MessageState>; histories: Map<string, Set<number>> }> {
  const states = new Map<string, MessageState>()
  const histories = new Map<string, Set<number>>()
  for (let start = 0; start < ids.length; start += CHUNK) {
    const { rows } = await stateQuery(dialect, ids.slice(start, start + CHUNK), !lockedByCaller).execute(trx)
    for (const row of rows) {
      states.set(row.id, { ...row, charged: Number(row.charged) })
      histories.set(row.id, historyCodes(row.history))
    }
  }
  return { states, histories }
}

/**
 * The recorder's read of the messages `ids` (exported for the test that checks its plan on each dialect). On
 * PostgreSQL the ids come as one array, are put in key order, and each is looked up by the key in a LATERAL sub-select, which
 * the planner can only run as a loop over the ids: an `IN (…)` list, or a join, of 500 ids on a young table is
 * planned as a scan of the whole table. The rows are locked one by one in key order, so two recorders with
 * overlapping sets wait for each other instead of deadlocking.
 */
export function stateQuery(dialect: Dialect, ids: readonly string[], lock: boolean) {
  const columns = sql.join(MESSAGE_STATE.map((c) => sql.ref(c)))
  if (dialect === 'postgres') {
    return sql<MessageState>`select "m".* from (select "id" from unnest(cast(${ids} as text[])) as "u"("id")
        order by "id") as "k"
      cross join lateral (select ${columns} from "messages" where "messages"."id" = "k"."id"${sql.raw(lock ? ' for update' : '')}) as "m"`
  }
  return sql<MessageState>`select ${columns} from "messages" where "id" in (${sql.join(ids)})`
}
