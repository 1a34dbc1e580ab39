/**
 * Delivery reports from gateways: found by our message id, by hand-over reference and recipient, or by the
 * gateway's id, then recorded.
 * Reports that arrive together (within one turn of the event loop — a busy simulator, a webhook post with many)
 * are recorded together: one transaction for all of them (on SQLite at most `SQLITE_REPORTS_PER_GROUP`), each answered
 * after the commit, in which the messages they name are read once, for the steps a report implies and for the
 * recording alike.
 */
import type { Kysely } from 'kysely'
import type { CoreContext } from '../context.ts'
import type { StatusChangeEvent } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { emitAll } from '../messages/apply.ts'
import { advancesTo } from '../messages/progress.ts'
import {
  type RecordOutcome,
  readForRecording,
  recordStatusBatch,
  type StatusInput,
} from '../messages/record.ts'
import { groupedWriteTransaction } from '../messages/transaction.ts'
import type { DeliveryReport } from '../ports.ts'
import { isFinalCode } from '../status/catalogue.ts'
import type { Database } from '../store/schema.ts'

interface QueuedReport {
  report: DeliveryReport
  at: Date
  resolve(outcome: RecordOutcome): void
  reject(err: unknown): void
}

const queues = new WeakMap<CoreContext, QueuedReport[]>()

/** Records a report's code for its message. Duplicates and late out-of-order reports change nothing. */
export async function recordDeliveryReport(ctx: CoreContext, report: DeliveryReport): Promise<RecordOutcome> {
  if (!Number.isInteger(report.code) || report.code < 100 || report.code > 999)
    throw new DeskError('InvalidRequest', 'A delivery report needs a three-digit status code.', {
      details: { field: 'code' },
    })
  const at = report.at instanceof Date && !Number.isNaN(report.at.getTime()) ? report.at : ctx.clock.now()
  return new Promise<RecordOutcome>((resolve, reject) => {
    let queue = queues.get(ctx)
    if (!queue) {
      queue = []
      queues.set(ctx, queue)
      if (!recording.has(ctx)) setImmediate(() => recordNext(ctx))
    }
    queue.push({ report, at, resolve, reject })
  })
}

/**
 * PostgreSQL contexts with a group of reports being recorded. Reports that arrive meanwhile wait for it and go
 * together next: many small transactions at once would lock the same messages in turn (a claim's settlement
 * among them) and each re-read them, so one at a time records more per second. SQLite's single writer already
 * makes its groups take turns.
 */
const recording = new WeakSet<CoreContext>()

/**
 * Most reports one SQLite group records. A claim's hand-over brings back a report per message at each step, up to a
 * thousand at once; one work recording all of them held the single connection for tens of milliseconds, and every
 * send sharing its commit waited that long for an answer. The rest wait for the next turn, in order, and join the
 * next group.
 */
export const SQLITE_REPORTS_PER_GROUP = 100

function recordNext(ctx: CoreContext): void {
  const queue = queues.get(ctx)
  if (!queue) return
  if (ctx.dialect !== 'postgres') {
    if (queue.length <= SQLITE_REPORTS_PER_GROUP) queues.delete(ctx)
    else setImmediate(() => recordNext(ctx))
    void recordQueued(ctx, queue.splice(0, SQLITE_REPORTS_PER_GROUP))
    return
  }
  queues.delete(ctx)
  recording.add(ctx)
  void recordQueued(ctx, queue).finally(() => {
    recording.delete(ctx)
    if (queues.has(ctx)) setImmediate(() => recordNext(ctx))
  })
}

async function recordQueued(ctx: CoreContext, queue: readonly QueuedReport[]): Promise<void> {
  try {
    const outcomes = await recordReports(ctx, queue)
    queue.forEach((item, i) => {
      item.resolve(outcomes[i] ?? 'unknown')
    })
  } catch (err) {
    if (queue.length === 1) {
      queue[0]?.reject(err)
      return
    }
    // One bad report must not sink the others: record each on its own, so only the bad one fails.
    for (const item of queue)
      await recordReports(ctx, [item]).then(
        (outcomes) => item.resolve(outcomes[0] ?? 'unknown'),
        (e: unknown) => item.reject(e),
      )
  }
}

/**
 * Records the reports in order, in one transaction; returns each report's outcome. The messages named by id are read
 * once, for both the hand-over a report implies and the recording; only reports without a known id are looked up
 * by hand-over reference and recipient, or by the gateway's id.
 */
async function recordReports(ctx: CoreContext, reports: readonly QueuedReport[]): Promise<RecordOutcome[]> {
  const events: StatusChangeEvent[] = []
  const outcomes = await groupedWriteTransaction(ctx, async (trx) => {
    const byId = new Map<string, Found>()
    const withoutId = reports.filter((q) => !q.report.messageId)
    const before = await findByReference(trx, withoutId)
    const read = await readForRecording(trx, ctx.dialect, [
      ...new Set([
        ...reports.flatMap((q) => (q.report.messageId ? [q.report.messageId] : [])),
        ...[...before.byHandOver.values(), ...before.byGatewayId.values()].map((m) => m.id),
      ]),
    ])
    for (const [id, state] of read.states) byId.set(id, { id, status_code: state.status_code })
    // An id we do not know (rare): the report may still name its message by reference or gateway id.
    const after = await findByReference(
      trx,
      reports.filter((q) => q.report.messageId && !byId.has(q.report.messageId)),
    )
    const found = {
      byId,
      byHandOver: new Map([...before.byHandOver, ...after.byHandOver]),
      byGatewayId: new Map([...before.byGatewayId, ...after.byGatewayId]),
    }
    const { changes, changeOf } = reportChanges(reports, found)
    if (changes.length === 0) return changeOf.map(() => 'unknown' as const)
    const result = await recordStatusBatch(trx, ctx.dialect, changes, ctx.clock.now(), { read })
    events.push(...result.events)
    return changeOf.map((i) => (i === null ? 'unknown' : (result.outcomes[i] ?? 'unknown')))
  })
  emitAll(ctx, events)
  return outcomes
}

type Found = { id: string; status_code: number }

/** The changes the reports make, in order, and for each report the index of its own change (null: no message). */
function reportChanges(
  reports: readonly QueuedReport[],
  found: { byId: Map<string, Found>; byHandOver: Map<string, Found>; byGatewayId: Map<string, Found> },
): { changes: [string, StatusInput][]; changeOf: (number | null)[] } {
  const running = new Map<string, number>()
  const changes: [string, StatusInput][] = []
  const changeOf: (number | null)[] = []
  for (const { report, at } of reports) {
    const message =
      found.byId.get(report.messageId ?? '') ??
      found.byHandOver.get(handOverKey(report.reference, report.recipient)) ??
      found.byGatewayId.get(report.gatewayId ?? '')
    if (!message) {
      changeOf.push(null)
      continue
    }
    let status = running.get(message.id) ?? message.status_code
    // A report may carry the gateway's id for a message whose submit answer we never stored (a crash): keep it.
    const gatewayId = report.gatewayId ? { gatewayId: report.gatewayId } : {}
    // A gateway reporting on a message has it, even if its answer to our submit is not stored yet (it may race
    // this report, or have been lost in a crash): record the hand-over first so the history reads in order.
    if (status < 111 && report.code !== 111 && !isFinalCode(status)) {
      changes.push([
        message.id,
        { code: 111, at, fromGateway: true, ...gatewayId, detail: 'Implied by a report from the gateway' },
      ])
      if (advancesTo(status, 111)) status = 111
    }
    changeOf.push(changes.length)
    changes.push([message.id, { code: report.code, at, fromGateway: true, ...gatewayId }])
    if (advancesTo(status, report.code)) status = report.code
    running.set(message.id, status)
  }
  return { changes, changeOf }
}

/** (reference, recipient) pairs per read. */
const PAIRS_CHUNK = 200
/** Gateway ids per `IN (…)` read: far below either driver's parameter limit. */
const CHUNK = 1_000

function handOverKey(reference: string | undefined, recipient: string | undefined): string {
  return reference && recipient ? `${reference} ${recipient}` : ''
}

/** The messages handed over as `pairs` (exported, like the next, for the test that checks its plan). */
export function byHandOverQuery(
  db: Kysely<Database>,
  pairs: readonly { reference: string; recipient: string }[],
) {
  return db
    .selectFrom('messages')
    .select(['id', 'status_code', 'hand_over_id', 'recipient'])
    .where((eb) =>
      eb.or(
        pairs.map((p) => eb.and([eb('hand_over_id', '=', p.reference), eb('recipient', '=', p.recipient)])),
      ),
    )
}

/** The messages the gateway knows by `gatewayIds`. */
export function byGatewayIdQuery(db: Kysely<Database>, gatewayIds: readonly string[]) {
  return db
    .selectFrom('messages')
    .select(['id', 'status_code', 'gateway_id'])
    .where('gateway_id', 'in', gatewayIds)
}

/** The messages of `reports` by hand-over reference and recipient, and failing that by the gateway's id. */
async function findByReference(
  trx: Kysely<Database>,
  reports: readonly QueuedReport[],
): Promise<{ byHandOver: Map<string, Found>; byGatewayId: Map<string, Found> }> {
  const byHandOver = new Map<string, Found>()
  const byGatewayId = new Map<string, Found>()
  // Pairs, not whole hand-overs: a report names one recipient of a batch of up to a thousand.
  const pairs = [
    ...new Map(
      reports.flatMap((q) => {
        const { reference, recipient } = q.report
        return reference && recipient
          ? [[handOverKey(reference, recipient), { reference, recipient }] as const]
          : []
      }),
    ).values(),
  ]
  for (let start = 0; start < pairs.length; start += PAIRS_CHUNK) {
    const chunk = pairs.slice(start, start + PAIRS_CHUNK)
    const rows = await byHandOverQuery(trx, chunk).execute()
    for (const row of rows) byHandOver.set(handOverKey(row.hand_over_id ?? '', row.recipient), row)
  }
  const gatewayIds = [
    ...new Set(
      reports.flatMap((q) =>
        q.report.gatewayId && !byHandOver.has(handOverKey(q.report.reference, q.report.recipient))
          ? [q.report.gatewayId]
          : [],
      ),
    ),
  ]
  for (let start = 0; start < gatewayIds.length; start += CHUNK) {
    const rows = await byGatewayIdQuery(trx, gatewayIds.slice(start, start + CHUNK)).execute()
    for (const row of rows) if (row.gateway_id !== null) byGatewayId.set(row.gateway_id, row)
  }
  return { byHandOver, byGatewayId }
}
