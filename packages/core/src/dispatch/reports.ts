/** Delivery reports from gateways: found by our message id (the reference) or the gateway's id, then recorded. */
import type { CoreContext } from '../context.ts'
import { DeskError } from '../errors.ts'
import { recordStatuses } from '../messages/apply.ts'
import type { DeliveryReport } from '../ports.ts'

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
  const messageId = await findMessageId(ctx, report)
  if (!messageId) return 'unknown'
  const [outcome] = await recordStatuses(ctx, [[messageId, { code: report.code, at, fromGateway: true }]])
  return outcome ?? 'unknown'
}

async function findMessageId(ctx: CoreContext, report: DeliveryReport): Promise<string | null> {
  if (report.messageId) {
    const row = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('id', '=', report.messageId)
      .executeTakeFirst()
    if (row) return row.id
  }
  if (report.gatewayId) {
    const row = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('gateway_id', '=', report.gatewayId)
      .executeTakeFirst()
    if (row) return row.id
  }
  return null
}
