/** `desk.audit`: the append-only record of every operator action and cross-account read. */
import type { Selectable } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { Page } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import { pageLimit } from '../ledger/entries.ts'
import type { AuditLogTable } from '../store/schema.ts'

export type AuditVia = AuditLogTable['via']

export interface AuditInput {
  operatorId: string
  operatorName: string
  /** What was done, e.g. `POST /operator/accounts/:id/credits` or `chat status`. */
  action: string
  accountId?: string | null
  /** What it was done to beyond the account: a message id, a number, a sender. */
  target?: string | null
  via: AuditVia
  /** The caller's IP address, or the chat workspace and user. */
  origin?: string | null
  outcome?: number | null
}

export interface AuditEntry {
  id: string
  operatorId: string
  operatorName: string
  action: string
  accountId: string | null
  target: string | null
  via: AuditVia
  origin: string | null
  outcome: number | null
  at: Date
}

export interface AuditApi {
  /** Appends one entry at the clock's now. */
  record(entry: AuditInput): Promise<AuditEntry>
  /** Newest first, optionally one account's; the cursor is the last id of the previous page. */
  list(filter?: { accountId?: string; limit?: number; cursor?: string }): Promise<Page<AuditEntry>>
}

/** `desk.audit` over the store in `ctx`. */
export function createAuditApi(ctx: CoreContext): AuditApi {
  const { db, clock } = ctx
  return {
    async record(entry) {
      const now = clock.now()
      const row: Selectable<AuditLogTable> = {
        id: newId('aud', now.getTime()),
        operator_id: entry.operatorId,
        operator_name: entry.operatorName,
        action: entry.action.slice(0, 200),
        account_id: entry.accountId ?? null,
        target: entry.target?.slice(0, 200) ?? null,
        via: entry.via,
        origin: entry.origin?.slice(0, 200) ?? null,
        outcome: entry.outcome ?? null,
        at: iso(now),
      }
      await db.insertInto('audit_log').values(row).execute()
      return rowToAuditEntry(row)
    },

    async list(filter = {}) {
      const limit = pageLimit(filter.limit)
      let query = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1)
      if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId)
      if (filter.cursor !== undefined) {
        if (!/^aud_[0-9a-z]{16}$/.test(filter.cursor))
          throw new DeskError('InvalidRequest', 'Unknown audit cursor.', { details: { field: 'cursor' } })
        query = query.where('id', '<', filter.cursor)
      }
      const rows = await query.execute()
      const items = rows.slice(0, limit).map(rowToAuditEntry)
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last ? last.id : null }
    },
  }
}

function rowToAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    operatorId: row.operator_id,
    operatorName: row.operator_name,
    action: row.action,
    accountId: row.account_id,
    target: row.target,
    via: row.via,
    origin: row.origin,
    outcome: row.outcome === null ? null : Number(row.outcome),
    at: new Date(row.at),
  }
}
