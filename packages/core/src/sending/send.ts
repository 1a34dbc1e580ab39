/**
 * `quote` and `send`. A send is ONE transaction: the batch row (claiming the idempotency key), one conditional
 * debit for every chargeable message, the messages and their first statuses — all or nothing.
 */

import { sql } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { MessageSummary, Quote, QuoteOptOut, SendRequest, SendResult } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import { chargeStatement, fundBatch } from '../ledger/balance.ts'
import { LEDGER_ENTRY_COLUMNS } from '../ledger/entries.ts'
import { rowToMessageSummary, SUMMARY_COLUMNS } from '../messages/mappers.ts'
import { groupedWriteTransaction } from '../messages/transaction.ts'
import { money } from '../money.ts'
import { tokensForNumbers } from '../opt-out/tokens.ts'
import { statusName } from '../status/catalogue.ts'
import { isUniqueViolation, requestHash } from './idempotency.ts'
import { bodyWithAddition, SAMPLE_TOKEN } from './opt-out-addition.ts'
import {
  type InternalSendOptions,
  planSend,
  type SendingDeps,
  type SendPlan,
  sendingAccounts,
} from './plan.ts'
import { countSegments } from './segments.ts'
import { storeBatchMessages } from './store-batch.ts'
import { assertValidBody, assertValidSender, checkRequestOptions } from './validate.ts'

export interface SendingModule {
  /** What a send would do: per recipient its verdict, segments and price, and the opt-out it would carry. */
  quote(accountId: string, request: SendRequest): Promise<Quote>
  /** Stores, funds and queues one message per recipient, each body with its opt-out added. */
  send(accountId: string, request: SendRequest): Promise<SendResult>
}

/** What the core itself sends (opt-out confirmations); not part of the Desk. */
export interface InternalSending {
  sendInternal(accountId: string, request: SendRequest, internal: InternalSendOptions): Promise<SendResult>
}

/** The sending half of the Desk. */
export function createSendingModule(
  ctx: CoreContext,
  sendingDeps: SendingDeps,
): SendingModule & InternalSending {
  const deps = { ...sendingDeps, accounts: sendingAccounts(ctx) }
  const sendWith = async (
    accountId: string,
    request: SendRequest,
    internal: InternalSendOptions = {},
  ): Promise<SendResult> => {
    // Cheap request-level checks first, so a malformed retry fails the same way before any lookup.
    assertValidSender(request.sender)
    if (request.template === undefined) assertValidBody(request.body)
    const { idempotencyKey } = checkRequestOptions(request, ctx.clock.now())
    const hash = idempotencyKey ? requestHash(request) : null
    if (idempotencyKey && hash) {
      const earlier = await replayIfKnown(ctx, accountId, idempotencyKey, hash)
      if (earlier) return earlier
    }
    const plan = await planSend(ctx, deps, accountId, request, internal)
    try {
      const stored = await groupedWriteTransaction(
        ctx,
        async (trx) => {
          if (idempotencyKey && hash) {
            // A racing twin may have committed since the first look (SQLite serialises writers, so it shows here), or
            // be an earlier send of the same shared transaction.
            const earlier = await replayIfKnown({ ...ctx, db: trx }, accountId, idempotencyKey, hash)
            if (earlier) return earlier
          }
          return storeSend(ctx, trx, plan, request, hash)
        },
        { group: accountId },
      )
      if (!stored.replayed) ctx.events.emitQueued()
      return stored
    } catch (err) {
      // On PostgreSQL the twin's batch row blocks ours at the unique index and we fail here: answer as a retry.
      if (idempotencyKey && hash && isUniqueViolation(err)) {
        const earlier = await replayIfKnown(ctx, accountId, idempotencyKey, hash)
        if (earlier) return earlier
      }
      throw err
    }
  }
  return {
    async quote(accountId, request) {
      const plan = await planSend(ctx, deps, accountId, request)
      return {
        recipients: plan.messages.map((m) => ({
          input: m.input,
          recipient: m.recipient,
          status: m.code === null ? null : { code: m.code, name: statusName(m.code) },
          reason: m.detail,
          segments: m.segments,
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
        optOut: await quoteOptOut(ctx, plan),
      }
    },
    send: (accountId, request) => sendWith(accountId, request),
    sendInternal: sendWith,
  }
}

/** The opt-out part of a quote: the first message's final text, with the recipient's real link when it has one. */
async function quoteOptOut(ctx: CoreContext, plan: SendPlan): Promise<QuoteOptOut> {
  const { addition } = plan
  const first = plan.messages.find((m) => m.code === null)
  if (!addition) return { mode: null, addition: null, example: first ? first.body : null, addedSegments: 0 }
  let token = SAMPLE_TOKEN
  if (addition.mode === 'link' && first) {
    // Read only: a quote creates no token.
    const row = await ctx.db
      .selectFrom('opt_out_tokens')
      .select('token')
      .where('account_id', '=', plan.accountId)
      .where('number', '=', first.recipient)
      .executeTakeFirst()
    if (row) token = row.token
  }
  const own = first?.addition ?? addition
  const example = bodyWithAddition(own, token)
  // The text before the opt-out: the request's body, or the first recipient's filled template.
  const before = own.prefix.length - addition.prefix.length + plan.body.length
  return {
    mode: addition.mode,
    addition: example.slice(before + 1),
    example: first ? example : null,
    addedSegments: plan.segments - plan.baseSegments,
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
  if (plan.addition?.mode === 'link') await addLinks(ctx, trx, plan, now)
  const { chargeable } = plan
  const funded = await openBatch(ctx.dialect, trx, {
    batchId,
    plan,
    source: request.source ?? 'api',
    hash,
    createdBy: request.createdBy ?? null,
    at: now,
  })
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

interface NewBatch {
  batchId: string
  plan: SendPlan
  source: string
  hash: string | null
  createdBy: string | null
  at: Date
}

/**
 * Writes the batch row (claiming the idempotency key) and charges its price with one conditional update and a ledger
 * row; returns whether it was funded. An unfunded batch is stored with no segments and no price. On PostgreSQL the
 * three are one statement (data-modifying WITH), a round trip per send instead of three; SQLite, in-process, runs
 * them one by one. Written as SQL, not built per call: this runs once per send.
 */
async function openBatch(
  dialect: CoreContext['dialect'],
  trx: CoreContext['db'],
  batch: NewBatch,
): Promise<boolean> {
  const { plan, batchId, at } = batch
  const { chargeable } = plan
  const created = iso(at)
  const insertBatch = (segments: unknown, price: unknown) =>
    sql`insert into "batches" ("id", "account_id", "source", "idempotency_key", "request_hash", "message_count",
        "total_segments", "total_price", "currency", "created_by", "created_at", "purpose")
      values (${batchId}, ${plan.accountId}, ${batch.source}, ${plan.options.idempotencyKey}, ${batch.hash},
        ${plan.messages.length}, ${segments}, ${price}, ${plan.currency}, ${batch.createdBy}, ${created},
        ${plan.purpose})`
  if (chargeable.price === 0) {
    await insertBatch(chargeable.segments, 0).execute(trx)
    return true
  }
  if (dialect === 'postgres') {
    const funded = sql`exists (select from "charged")`
    const { rows } = await sql<{ funded: boolean }>`with
        "charged" as (${chargeStatement(plan.accountId, chargeable.price)}),
        "entry" as (insert into "ledger_entries" ${LEDGER_ENTRY_COLUMNS}
          select ${plan.accountId}, ${-chargeable.price}, "balance", 'charge', ${batchId}, null, null, ${created}
          from "charged"),
        "batch" as (${insertBatch(
          sql`case when ${funded} then ${chargeable.segments} else 0 end`,
          sql`case when ${funded} then cast(${chargeable.price} as bigint) else 0 end`,
        )})
      select ${funded} as "funded"`.execute(trx)
    return rows[0]?.funded === true
  }
  await insertBatch(chargeable.segments, chargeable.price).execute(trx)
  if ((await fundBatch(trx, { accountId: plan.accountId, batchId, total: chargeable.price, at })) !== null)
    return true
  await trx
    .updateTable('batches')
    .set({ total_segments: 0, total_price: 0 })
    .where('id', '=', batchId)
    .execute()
  return false
}

/**
 * Puts each recipient's own link into its body, with the tokens made in bulk in this transaction. The plan counted
 * the body with a sample token; a real token of the same shape (24 characters, each one GSM-7 septet and one UCS-2
 * unit, none an escape or half a pair) cannot move a part boundary, so the count holds. A token of another shape
 * (none is made, but the table is older than this code) gets its body counted again, and priced by that count.
 */
async function addLinks(ctx: CoreContext, trx: CoreContext['db'], plan: SendPlan, now: Date): Promise<void> {
  const addition = plan.addition
  if (!addition) return
  const sending = plan.messages.filter((m) => m.code === null)
  const tokens = await tokensForNumbers(
    trx,
    ctx.dialect,
    plan.accountId,
    sending.map((m) => m.recipient),
    now,
  )
  const { chargeable } = plan
  for (const m of sending) {
    const token = tokens.get(m.recipient)
    if (token === undefined) throw new Error(`no opt-out token for ${m.recipient} after creating them`)
    m.body = bodyWithAddition(m.addition ?? addition, token)
    if (SAMPLE_SHAPE.test(token)) continue
    const counted = countSegments(m.body)
    if (counted.encoding !== (m.encoding ?? plan.encoding))
      throw new Error('an opt-out token changed the encoding of a message; tokens must be base64url')
    if (counted.segments !== m.segments) {
      const price = m.perSegment * counted.segments
      chargeable.segments += counted.segments - m.segments
      chargeable.price += price - m.price
      m.segments = counted.segments
      m.price = price
    }
  }
}

/** What a token must look like to count exactly like `SAMPLE_TOKEN`. */
const SAMPLE_SHAPE = new RegExp(`^[A-Za-z0-9_-]{${SAMPLE_TOKEN.length}}$`)

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
  // Charged messages are those that went on past 103 Funded or were priced; an unfunded batch has 0 segments.
  const charged = segments === 0 ? 0 : messages.filter((m) => m.price.amount > 0).length
  return {
    batchId: batch.id,
    messages,
    total: {
      messages: charged,
      segments,
      price: money(Number(batch.total_price), batch.currency),
    },
    replayed: true,
  }
}
