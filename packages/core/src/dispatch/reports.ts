/**
 * Delivery reports from gateways: found by our message id, by hand-over reference and recipient, or by the
 * gateway's id, then recorded.
 * Reports that arrive together (within one turn of the event loop — a busy simulator, a webhook post with many)
 * are recorded together: one look-up and one transaction for all of them, each answered after the commit.
 */
import type { CoreContext } from '../context.ts'
import { DeskError } from '../errors.ts'
import { recordStatuses } from '../messages/apply.ts'
import { advancesTo } from '../messages/progress.ts'
import type { RecordOutcome, StatusInput } from '../messages/record.ts'
import type { DeliveryReport } from '../ports.ts'
import { isFinalCode } from '../status/catalogue.ts'

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

function recordNext(ctx: CoreContext): void {
  const queue = queues.get(ctx)
  if (!queue) return
  queues.delete(ctx)
  if (ctx.dialect !== 'postgres') {
    void recordQueued(ctx, queue)
    return
  }
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

/** Records the reports in order, in one transaction; returns each report's outcome. */
async function recordReports(ctx: CoreContext, reports: readonly QueuedReport[]): Promise<RecordOutcome[]> {
  const found = await findMessages(ctx, reports)
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
  const outcomes = changes.length > 0 ? await recordStatuses(ctx, changes) : []
  return changeOf.map((i) => (i === null ? 'unknown' : (outcomes[i] ?? 'unknown')))
}

type Found = { id: string; status_code: number }

/** Ids per `IN (…)` read: far below either driver's parameter limit. */
const CHUNK = 1_000
/** (reference, recipient) pairs per read. */
const PAIRS_CHUNK = 200

function handOverKey(reference: string | undefined, recipient: string | undefined): string {
  return reference && recipient ? `${reference} ${recipient}` : ''
}

async function findMessages(
  ctx: CoreContext,
  reports: readonly QueuedReport[],
): Promise<{ byId: Map<string, Found>; byHandOver: Map<string, Found>; byGatewayId: Map<string, Found> }> {
  const byId = new Map<string, Found>()
  const byHandOver = new Map<string, Found>()
  const byGatewayId = new Map<string, Found>()
  const ids = [...new Set(reports.flatMap((q) => (q.report.messageId ? [q.report.messageId] : [])))]
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await ctx.db
      .selectFrom('messages')
      .select(['id', 'status_code'])
      .where('id', 'in', ids.slice(start, start + CHUNK))
      .execute()
    for (const row of rows) byId.set(row.id, row)
  }
  const unfound = reports.filter((q) => !byId.has(q.report.messageId ?? ''))
  // Pairs, not whole hand-overs: a report names one recipient of a batch of up to a thousand.
  const pairs = [
    ...new Map(
      unfound.flatMap((q) => {
        const { reference, recipient } = q.report
        return reference && recipient
          ? [[handOverKey(reference, recipient), { reference, recipient }] as const]
          : []
      }),
    ).values(),
  ]
  for (let start = 0; start < pairs.length; start += PAIRS_CHUNK) {
    const chunk = pairs.slice(start, start + PAIRS_CHUNK)
    const rows = await ctx.db
      .selectFrom('messages')
      .select(['id', 'status_code', 'hand_over_id', 'recipient'])
      .where((eb) =>
        eb.or(
          chunk.map((p) => eb.and([eb('hand_over_id', '=', p.reference), eb('recipient', '=', p.recipient)])),
        ),
      )
      .execute()
    for (const row of rows) byHandOver.set(handOverKey(row.hand_over_id ?? '', row.recipient), row)
  }
  const gatewayIds = [
    ...new Set(
      unfound.flatMap((q) =>
        q.report.gatewayId && !byHandOver.has(handOverKey(q.report.reference, q.report.recipient))
          ? [q.report.gatewayId]
          : [],
      ),
    ),
  ]
  for (let start = 0; start < gatewayIds.length; start += CHUNK) {
    const rows = await ctx.db
      .selectFrom('messages')
      .select(['id', 'status_code', 'gateway_id'])
      .where('gateway_id', 'in', gatewayIds.slice(start, start + CHUNK))
      .execute()
    for (const row of rows) if (row.gateway_id !== null) byGatewayId.set(row.gateway_id, row)
  }
  return { byId, byHandOver, byGatewayId }
}
