/** `desk.operator.messages`: messages, inbound SMS and blocklist entries across every account, each with its account. */
import type { Kysely } from 'kysely'
import type { CoreContext } from '../context.ts'
import type { BlockEntry, MessageDetail, Page } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { pageLimit } from '../ledger/entries.ts'
import { DETAIL_COLUMNS, rowToMessageDetail } from '../messages/mappers.ts'
import { getMessage } from '../messages/queries.ts'
import { normalizeNumber } from '../sending/phone.ts'
import type { Database } from '../store/schema.ts'

/** Which account something belongs to, as support names it. */
export interface AccountRef {
  id: string
  name: string
  customerNumber: string
}

export interface OperatorMessage extends MessageDetail {
  account: AccountRef
}

export interface OperatorMessageFilter {
  recipient?: string
  accountId?: string
  status?: number
  limit?: number
  cursor?: string
}

export interface OperatorInbound {
  id: string
  account: AccountRef | null
  from: string
  to: string
  body: string
  keyword: string | null
  receivedAt: Date
}

export interface OperatorMessagesApi {
  /** Any account's message with its whole history; `NotFound` for an unknown id. */
  get(id: string): Promise<OperatorMessage>
  /** Newest first across accounts, each with its history. */
  list(filter?: OperatorMessageFilter): Promise<Page<OperatorMessage>>
  /** Inbound SMS, newest first: from a number, to a number, or only those to numbers nobody owns. */
  inbound(filter?: {
    from?: string
    to?: string
    unassigned?: boolean
    limit?: number
  }): Promise<OperatorInbound[]>
  /** How many of the account's messages created since `since` sit at each status code. */
  countsSince(accountId: string, since: Date): Promise<{ code: number; count: number }[]>
  /** Every account that blocks `number`, and why. */
  blockedIn(number: string): Promise<(BlockEntry & { account: AccountRef })[]>
}

/** `desk.operator.messages` over the store in `ctx`. */
export function createOperatorMessagesApi(ctx: CoreContext, defaultCountry: string): OperatorMessagesApi {
  const { db } = ctx
  const forms = (input: string): string[] => {
    const parsed = normalizeNumber(input, defaultCountry)
    return parsed.ok && parsed.e164 !== input.trim() ? [parsed.e164, input.trim()] : [input.trim()]
  }

  async function get(id: string): Promise<OperatorMessage> {
    const row = await db.selectFrom('messages').select('account_id').where('id', '=', id).executeTakeFirst()
    if (!row) throw new DeskError('NotFound', 'No such message.', { details: { messageId: id } })
    const [message, account] = await Promise.all([
      getMessage(db, ctx.dialect, row.account_id, id),
      accountRefs(db, [row.account_id]),
    ])
    return { ...message, account: account.get(row.account_id) ?? unknownAccount(row.account_id) }
  }

  return {
    get,

    async list(filter = {}) {
      const limit = pageLimit(filter.limit)
      let query = db
        .selectFrom('messages')
        .select([...DETAIL_COLUMNS, 'account_id'])
        .orderBy('id', 'desc')
        .limit(limit + 1)
      if (filter.recipient !== undefined) query = query.where('recipient', 'in', forms(filter.recipient))
      if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId)
      if (filter.status !== undefined) query = query.where('status_code', '=', filter.status)
      if (filter.cursor !== undefined) query = query.where('id', '<', filter.cursor)
      const rows = await query.execute()
      const page = rows.slice(0, limit)
      const accounts = await accountRefs(
        db,
        page.map((r) => r.account_id),
      )
      const items = page.map(
        (r): OperatorMessage => ({
          ...rowToMessageDetail(r),
          account: accounts.get(r.account_id) ?? unknownAccount(r.account_id),
        }),
      )
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last ? last.id : null }
    },

    async inbound(filter = {}) {
      let query = db
        .selectFrom('inbound_messages')
        .selectAll()
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
      if (filter.from !== undefined) query = query.where('from_number', 'in', forms(filter.from))
      if (filter.to !== undefined) query = query.where('to_number', 'in', forms(filter.to))
      if (filter.unassigned) query = query.where('account_id', 'is', null)
      const rows = await query.limit(pageLimit(filter.limit)).execute()
      const accounts = await accountRefs(
        db,
        rows.flatMap((r) => (r.account_id ? [r.account_id] : [])),
      )
      return rows.map((r) => ({
        id: r.id,
        account: r.account_id ? (accounts.get(r.account_id) ?? unknownAccount(r.account_id)) : null,
        from: r.from_number,
        to: r.to_number,
        body: r.body,
        keyword: r.keyword,
        receivedAt: new Date(r.received_at),
      }))
    },

    async countsSince(accountId, since) {
      const rows = await db
        .selectFrom('messages')
        .select(['status_code', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('account_id', '=', accountId)
        .where('created_at', '>=', since.toISOString())
        .groupBy('status_code')
        .orderBy('status_code')
        .execute()
      return rows.map((r) => ({ code: r.status_code, count: Number(r.n) }))
    },

    async blockedIn(number) {
      const rows = await db
        .selectFrom('blocklist')
        .selectAll()
        .where('number', 'in', forms(number))
        .orderBy('created_at')
        .execute()
      const accounts = await accountRefs(
        db,
        rows.map((r) => r.account_id),
      )
      return rows.map((r) => ({
        number: r.number,
        reason: r.reason,
        createdAt: new Date(r.created_at),
        account: accounts.get(r.account_id) ?? unknownAccount(r.account_id),
      }))
    },
  }
}

/** Names and customer numbers of the accounts, in one query. */
export async function accountRefs(db: Kysely<Database>, ids: string[]): Promise<Map<string, AccountRef>> {
  const distinct = [...new Set(ids)]
  if (distinct.length === 0) return new Map()
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'name', 'customer_number'])
    .where('id', 'in', distinct)
    .execute()
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, customerNumber: r.customer_number ?? r.id }]),
  )
}

function unknownAccount(id: string): AccountRef {
  return { id, name: id, customerNumber: id }
}
