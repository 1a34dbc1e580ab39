/** Inbound SMS: every one stored, mapped to its account by the number it was sent to, keywords acted on. */
import type { Kysely } from 'kysely'
import { isUniqueViolation } from '../accounts/store-errors.ts'
import { blockNumber, isBlocked, liftRecipientBlock } from '../contacts/blocklist-store.ts'
import { DEFAULT_COUNTRY, gatewayNumberToE164 } from '../contacts/number.ts'
import { saveContactFromSms } from '../contacts/save-from-sms.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { InboundResult } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { OptOutChange } from '../opt-out/confirmation.ts'
import type { InboundSms } from '../ports.ts'
import type { Database } from '../store/schema.ts'
import { type ParsedKeyword, parseKeyword } from './keywords.ts'

export interface InboundDeps {
  /** Country for numbers that arrive in local form; default SE. */
  defaultCountry?: string
  /** Called after a STOP that blocked a number not blocked before, or a START that lifted a block. */
  onOptOutChange?: (change: OptOutChange) => Promise<void>
}

/** `desk.inbound`: SMS that phones send to the account's numbers. */
export interface InboundApi {
  /** Stores the SMS (once per gateway id) and acts on its keyword. */
  receive(sms: InboundSms): Promise<InboundResult>
  /** The account's inbound SMS, newest first, optionally only those from one number (any form of it). */
  list(accountId: string, filter?: { from?: string; limit?: number }): Promise<InboundSmsView[]>
}

/** One stored inbound SMS, as the account sees it. */
export interface InboundSmsView {
  id: string
  from: string
  to: string
  body: string
  keyword: InboundResult['keyword']
  receivedAt: Date
}

type Outcome = Pick<InboundResult, 'keyword' | 'action' | 'contactId'>

/** What a keyword did, and whether it changed the number's opt-out (for the confirmation SMS). */
interface Acted {
  outcome: Outcome
  changed: boolean
}

/** The Desk's `receiveInbound` over the store in `ctx`; listeners hear of each new message after it is committed. */
export function createInboundModule(ctx: CoreContext, deps: InboundDeps = {}): InboundApi {
  const { db, clock, events } = ctx
  const defaultCountry = deps.defaultCountry ?? DEFAULT_COUNTRY

  // Senders may be alphanumeric ("Bank"): those are stored as given and never act on a keyword.
  function asNumber(input: string): { e164: string | null; stored: string } {
    const e164 = gatewayNumberToE164(input, defaultCountry)
    return { e164, stored: e164 ?? input.trim() }
  }

  async function duplicateOf(gatewayId: string): Promise<InboundResult | null> {
    const row = await db
      .selectFrom('inbound_messages')
      .select(['id', 'account_id', 'keyword'])
      .where('gateway_id', '=', gatewayId)
      .executeTakeFirst()
    if (!row) return null
    return { id: row.id, accountId: row.account_id, keyword: storedKeyword(row.keyword), action: 'duplicate' }
  }

  async function receiveInbound(sms: InboundSms): Promise<InboundResult> {
    const input = validate(sms)
    if (input.gatewayId) {
      const duplicate = await duplicateOf(input.gatewayId)
      if (duplicate) return duplicate
    }
    const from = asNumber(input.from)
    const to = asNumber(input.to)
    const owner = await db
      .selectFrom('virtual_numbers')
      .select('account_id')
      .where('number', '=', to.stored)
      .executeTakeFirst()
    const accountId = owner?.account_id ?? null
    const now = clock.now()
    const id = newId('in', now.getTime())
    // A keyword is only acted on for a known account and a sender that is a real phone number.
    const parsed = accountId && from.e164 ? parseKeyword(input.body) : null

    let acted: Acted
    try {
      acted = await db.transaction().execute(async (trx) => {
        const result: Acted = accountId
          ? await actOnKeyword(trx, accountId, from.e164, parsed, now)
          : { outcome: { keyword: null, action: 'ignored_unknown_number' }, changed: false }
        await trx
          .insertInto('inbound_messages')
          .values({
            id,
            account_id: accountId,
            from_number: from.stored,
            to_number: to.stored,
            body: input.body,
            keyword: result.outcome.keyword,
            gateway_id: input.gatewayId,
            received_at: iso(input.at),
          })
          .execute()
        return result
      })
    } catch (err) {
      // The same report delivered twice at once: the loser of the unique gateway_id did nothing (rolled back).
      if (input.gatewayId && isUniqueViolation(err)) {
        const duplicate = await duplicateOf(input.gatewayId)
        if (duplicate) return duplicate
      }
      throw err
    }
    const { outcome } = acted

    if (accountId) {
      events.emitInbound({
        id,
        accountId,
        from: from.stored,
        to: to.stored,
        body: input.body,
        keyword: outcome.keyword,
        at: input.at,
      })
      const keyword = outcome.keyword
      if (acted.changed && from.e164 && (keyword === 'STOP' || keyword === 'START'))
        await deps.onOptOutChange?.({ accountId, number: from.e164, keyword, via: to.stored })
    }
    return { id, accountId, ...outcome }
  }

  async function list(
    accountId: string,
    filter: { from?: string; limit?: number } = {},
  ): Promise<InboundSmsView[]> {
    let query = db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
    if (filter.from !== undefined) {
      const from = asNumber(filter.from)
      query = query.where('from_number', 'in', [...new Set([from.stored, filter.from.trim()])])
    }
    const rows = await query.limit(Math.min(Math.max(filter.limit ?? 50, 1), 500)).execute()
    return rows.map((r) => ({
      id: r.id,
      from: r.from_number,
      to: r.to_number,
      body: r.body,
      keyword: storedKeyword(r.keyword),
      receivedAt: new Date(r.received_at),
    }))
  }

  return { receive: receiveInbound, list }
}

async function actOnKeyword(
  trx: Kysely<Database>,
  accountId: string,
  from: string | null,
  parsed: ParsedKeyword | null,
  now: Date,
): Promise<Acted> {
  if (!parsed || !from) return { outcome: { keyword: null, action: 'stored' }, changed: false }
  switch (parsed.keyword) {
    case 'STOP': {
      // A number blocked already (by the account, or an earlier STOP) gets no second confirmation.
      const before = await isBlocked(trx, accountId, from)
      await blockNumber(trx, accountId, from, 'stop', now)
      return { outcome: { keyword: 'STOP', action: 'blocked' }, changed: !before }
    }
    case 'START': {
      // Only a block the recipient set is theirs to lift; an account's manual block stays (action: stored).
      const lifted = await liftRecipientBlock(trx, accountId, from)
      return { outcome: { keyword: 'START', action: lifted ? 'unblocked' : 'stored' }, changed: lifted }
    }
    case 'SPARA': {
      const contactId = await saveContactFromSms(trx, accountId, from, parsed, now)
      return { outcome: { keyword: 'SPARA', action: 'contact_saved', contactId }, changed: false }
    }
  }
}

function validate(sms: InboundSms): {
  from: string
  to: string
  body: string
  at: Date
  gatewayId: string | null
} {
  if (!sms || typeof sms.from !== 'string' || !sms.from.trim())
    throw new DeskError('InvalidRequest', 'Inbound SMS needs a sender (from)')
  if (typeof sms.to !== 'string' || !sms.to.trim())
    throw new DeskError('InvalidRequest', 'Inbound SMS needs a recipient (to)')
  if (!(sms.at instanceof Date) || Number.isNaN(sms.at.getTime()))
    throw new DeskError('InvalidRequest', 'Inbound SMS needs a valid time (at)')
  const body = typeof sms.body === 'string' ? sms.body : ''
  const gatewayId = typeof sms.gatewayId === 'string' && sms.gatewayId.trim() ? sms.gatewayId.trim() : null
  return { from: sms.from, to: sms.to, body, at: sms.at, gatewayId }
}

function storedKeyword(value: string | null): InboundResult['keyword'] {
  return value === 'STOP' || value === 'START' || value === 'SPARA' ? value : null
}
