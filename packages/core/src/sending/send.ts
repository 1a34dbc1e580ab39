/**
 * `quote` and `send`. A send is ONE transaction: the batch row (claiming the idempotency key), one conditional
 * debit for every chargeable message, the messages and their first statuses — all or nothing.
 */

import { sql } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { MessageSummary, Quote, SendRequest, SendResult } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import { fundBatch } from '../ledger/balance.ts'
import { rowToMessageSummary, SUMMARY_COLUMNS } from '../messages/mappers.ts'
import { groupedWriteTransaction } from '../messages/transaction.ts'
import { money } from '../money.ts'
import { statusName } from '../status/catalogue.ts'
import { isUniqueViolation, requestHash } from './idempotency.ts'
import { planSend, type SendingDeps, type SendPlan } from './plan.ts'
import { storeBatchMessages } from './store-batch.ts'
import { assertValidBody, assertValidSender, checkRequestOptions } from './validate.ts'

export interface SendingModule {
  quote(accountId: string, request: SendRequest): Promise<Quote>
  send(accountId: string, request: SendRequest): Promise<SendResult>
}

/** The sending half of the Desk. */
export function createSendingModule(ctx: CoreContext, deps: SendingDeps): SendingModule {
  return {
    async quote(accountId, request) {
      const plan = await planSend(ctx, deps, accountId, request)
      return {
        recipients: plan.messages.map((m) => ({
          input: m.input,
          recipient: m.recipient,
          status: m.code === null ? null : { code: m.code, name: statusName(m.code) },
          segments: plan.segments,
          price: money(m.price, plan.currency),
        })),
        encoding: plan.encoding,
        segmentsPerMessage: plan.segments,
        total: {
          messages: plan.chargeable.messages,
          segments: plan.chargeable.segments,
          price: money(plan.chargeable.price, plan.currency),
        },
        balance: money(plan.balance, plan.currency),
      }
    },

    async send(accountId, request) {
      // Cheap request-level checks first, so a malformed retry fails the same way before any lookup.
      assertValidSender(request.sender)
      assertValidBody(request.body)
      const { idempotencyKey } = checkRequestOptions(request, ctx.clock.now())
      const hash = idempotencyKey ? requestHash(request) : null
      if (idempotencyKey && hash) {
        const earlier = await replayIfKnown(ctx, accountId, idempotencyKey, hash)
        if (earlier) return earlier
      }
      const plan = await planSend(ctx, deps, accountId, request)
      try {
        const stored = await groupedWriteTransaction(ctx, async (trx) => {
          if (idempotencyKey && hash) {
            // A racing twin may have committed since the first look (SQLite serialises writers, so it shows here).
            const earlier = await replayIfKnown({ ...ctx, db: trx }, accountId, idempotencyKey, hash)
            if (earlier) return earlier
          }
          return storeSend(ctx, trx, plan, request, hash)
        })
        return stored
      } catch (err) {
        // On PostgreSQL the twin's batch row blocks ours at the unique index and we fail here: answer as a retry.
        if (idempotencyKey && hash && isUniqueViolation(err)) {
          const earlier = await replayIfKnown(ctx, accountId, idempotencyKey, hash)
          if (earlier) return earlier
        }
        throw err
      }
    },
  }
}

async function storeSend(
  ctx: CoreContext,
  trx: CoreContext['db'],
  plan: SendPlan,
  request: SendRequest,
  hash: string | null,
): Promise<SendResult> {
  const now = ctx.clock.now()
  const batchId = newId('bat', now.getTime())
  const { chargeable } = plan
  // Written as SQL, not built per call: this runs once per send.
  await sql`insert into "batches" ("id", "account_id", "source", "idempotency_key", "request_hash", "message_count",
      "total_segments", "total_price", "currency", "created_by", "created_at")
    values (${batchId}, ${plan.accountId}, ${request.source ?? 'api'}, ${plan.options.idempotencyKey},
      ${hash}, ${plan.messages.length}, ${chargeable.segments}, ${chargeable.price}, ${plan.currency},
      ${request.createdBy ?? null}, ${iso(now)})`.execute(trx)
  let funded = true
  if (chargeable.price > 0) {
    const after = await fundBatch(trx, {
      accountId: plan.accountId,
      batchId,
      total: chargeable.price,
      at: now,
    })
    funded = after !== null
    if (!funded)
      await trx
        .updateTable('batches')
        .set({ total_segments: 0, total_price: 0 })
        .where('id', '=', batchId)
        .execute()
  }
  const messages = await storeBatchMessages(ctx, trx, {
    plan,
    batchId,
    funded,
    source: request.source ?? 'api',
    now,
  })
  return {
    batchId,
    messages,
    total: funded
      ? {
          messages: chargeable.messages,
          segments: chargeable.segments,
          price: money(chargeable.price, plan.currency),
        }
      : { messages: 0, segments: 0, price: money(0, plan.currency) },
    replayed: false,
  }
}

/** The first result for this key, or null when the key is new; `IdempotencyConflict` when it was used for another request. */
async function replayIfKnown(
  ctx: CoreContext,
  accountId: string,
  key: string,
  hash: string,
): Promise<SendResult | null> {
  const batch = await ctx.db
    .selectFrom('batches')
    .select(['id', 'request_hash', 'total_segments', 'total_price', 'currency'])
    .where('account_id', '=', accountId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  if (!batch) return null
  if (batch.request_hash !== hash)
    throw new DeskError(
      'IdempotencyConflict',
      'This idempotency key was already used for a different request.',
      {
        details: { batchId: batch.id },
      },
    )
  const rows = await ctx.db
    .selectFrom('messages')
    .select(SUMMARY_COLUMNS)
    .where('batch_id', '=', batch.id)
    .orderBy('id')
    .execute()
  const messages: MessageSummary[] = rows.map(rowToMessageSummary)
  const segments = Number(batch.total_segments)
  const perMessage = messages[0]?.segments ?? 1
  return {
    batchId: batch.id,
    messages,
    total: {
      messages: segments === 0 ? 0 : Math.round(segments / perMessage),
      segments,
      price: money(Number(batch.total_price), batch.currency),
    },
    replayed: true,
  }
}
