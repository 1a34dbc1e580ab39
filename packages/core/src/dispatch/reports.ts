/** Delivery reports from gateways: found by our message id (the reference) or the gateway's id, then recorded. */
import type { CoreContext } from '../context.ts'
import { DeskError } from '../errors.ts'
import { recordStatuses } from '../messages/apply.ts'
import type { StatusInput } from '../messages/record.ts'
import type { DeliveryReport } from '../ports.ts'
import { isFinalCode } from '../status/catalogue.ts'

/** Records a report's code for its message. Duplicates and late out-of-order reports change nothing. */
export async function recordDeliveryReport(
  ctx: CoreContext,
  report: DeliveryReport,
): Promise<'recorded' | 'duplicate' | 'unknown'> {
  if (!Number.isInteger(report.code) || report.code < 100 || report.code > 999)
    throw new DeskError('InvalidRequest', 'A delivery report needs a three-digit status code.', {
      details: { field: 'code' },
    })
  const at = report.at instanceof Date && !Number.isNaN(report.at.getTime()) ? report.at : ctx.clock.now()
  const message = await findMessage(ctx, report)
  if (!message) return 'unknown'
  // A report may carry the gateway's id for a message whose submit answer we never stored (a crash): keep it.
  const gatewayId = report.gatewayId ? { gatewayId: report.gatewayId } : {}
  const changes: [string, StatusInput][] = []
  // A gateway reporting on a message has it, even if its answer to our submit is not stored yet (it may race
  // this report, or have been lost in a crash): record the hand-over first so the history reads in order.
  if (message.status_code < 111 && report.code !== 111 && !isFinalCode(message.status_code))
    changes.push([
      message.id,
      { code: 111, at, fromGateway: true, ...gatewayId, detail: 'Implied by a report from the gateway' },
    ])
  changes.push([message.id, { code: report.code, at, fromGateway: true, ...gatewayId }])
  const outcomes = await recordStatuses(ctx, changes)
  return outcomes.at(-1) ?? 'unknown'
}

async function findMessage(
  ctx: CoreContext,
  report: DeliveryReport,
): Promise<{ id: string; status_code: number } | null> {
  const columns = ['id', 'status_code'] as const
  if (report.messageId) {
    const row = await ctx.db
      .selectFrom('messages')
      .select(columns)
      .where('id', '=', report.messageId)
      .executeTakeFirst()
    if (row) return row
  }
  if (report.gatewayId) {
    const row = await ctx.db
      .selectFrom('messages')
      .select(columns)
      .where('gateway_id', '=', report.gatewayId)
      .executeTakeFirst()
    if (row) return row
  }
  return null
}
