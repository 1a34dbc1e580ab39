/** `desk.callbacks`: start delivery, list an account's deliveries with their attempts, send one again. */
import { type CoreContext, iso } from '../context.ts'
import type { CallbackDeliveryOptions, Dispatcher, Page } from '../desk.ts'
import { DeskError } from '../errors.ts'
import type { WebhookDeliveriesTable } from '../store/schema.ts'
import { createCallbackDelivery } from './delivery.ts'

export const CALLBACK_STATES = ['pending', 'delivered', 'failed'] as const
export type CallbackState = (typeof CALLBACK_STATES)[number]

/** One status callback and how its delivery went. */
export interface CallbackDelivery {
  /** Also its `webhook-id` header: the same on every attempt. */
  id: string
  messageId: string
  url: string
  /** The status code it announces. */
  statusCode: number
  state: CallbackState
  attempts: number
  lastError: string | null
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: string | null
  deliveredAt: string | null
  failedAt: string | null
  createdAt: string
}

export interface ListCallbacksQuery {
  messageId?: string
  state?: CallbackState
  limit?: number
  /** The id of the last delivery on the previous page. */
  cursor?: string
}

export interface CallbacksApi {
  /** Posts queued status callbacks (rows written in the same transaction as the status), signed, with backoff. */
  start(options: CallbackDeliveryOptions): Dispatcher
  /** An account's callback deliveries, newest first. */
  list(accountId: string, query?: ListCallbacksQuery): Promise<Page<CallbackDelivery>>
  /**
   * Queues one more attempt now, whatever the delivery's state. A failure is retried on the usual schedule
   * while attempts remain, so one that had run out of attempts gets just this one.
   * @throws DeskError NotFound for another account's delivery or an unknown id
   */
  redeliver(accountId: string, id: string): Promise<CallbackDelivery>
}

/** `desk.callbacks` over the store in `ctx`; `track` lets the desk stop what `start` started. */
export function createCallbacksApi(ctx: CoreContext, track: (d: Dispatcher) => Dispatcher): CallbacksApi {
  async function find(accountId: string, id: string): Promise<WebhookDeliveriesTable> {
    const row = await ctx.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst()
    if (!row) throw new DeskError('NotFound', `No callback delivery ${id}.`)
    return row
  }

  return {
    start: (options) => track(createCallbackDelivery(ctx, options)),
    list: async (accountId, query = {}) => {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200)
      let q = ctx.db.selectFrom('webhook_deliveries').selectAll().where('account_id', '=', accountId)
      if (query.messageId !== undefined) q = q.where('message_id', '=', query.messageId)
      if (query.cursor !== undefined) q = q.where('id', '<', query.cursor)
      if (query.state === 'delivered') q = q.where('delivered_at', 'is not', null)
      if (query.state === 'failed') q = q.where('failed_at', 'is not', null)
      if (query.state === 'pending') q = q.where('delivered_at', 'is', null).where('failed_at', 'is', null)
      const rows = await q
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute()
      const items = rows.slice(0, limit).map(rowToDelivery)
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null }
    },
    redeliver: async (accountId, id) => {
      await find(accountId, id)
      const now = iso(ctx.clock.now())
      await ctx.db
        .updateTable('webhook_deliveries')
        .set({ delivered_at: null, failed_at: null, next_attempt_at: now })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .execute()
      return rowToDelivery(await find(accountId, id))
    },
  }
}

function rowToDelivery(row: WebhookDeliveriesTable): CallbackDelivery {
  const state: CallbackState = row.delivered_at ? 'delivered' : row.failed_at ? 'failed' : 'pending'
  const payload = JSON.parse(row.payload) as { status?: { code?: number } }
  return {
    id: row.id,
    messageId: row.message_id,
    url: row.url,
    statusCode: payload.status?.code ?? 0,
    state,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: state === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    failedAt: row.failed_at,
    createdAt: row.created_at,
  }
}
