/** `desk.messages`: sending, reading, cancelling and the status reports gateways send back. */
import type { CoreContext } from '../context.ts'
import type { BatchSummary, MessageDetail, MessageFilter, MessageSummary, Page } from '../desk.ts'
import { recordDeliveryReport } from '../dispatch/reports.ts'
import type { DeliveryReport } from '../ports.ts'
import { normalizeNumber } from '../sending/phone.ts'
import type { SendingModule } from '../sending/send.ts'
import { cancelMessage } from './cancel.ts'
import { expireOverdue } from './expire.ts'
import { batchSummary, getMessage, listMessages } from './queries.ts'

export interface MessagesApi extends SendingModule {
  get(accountId: string, id: string): Promise<MessageDetail>
  list(accountId: string, filter?: MessageFilter): Promise<Page<MessageSummary>>
  batchSummary(accountId: string, batchId: string): Promise<BatchSummary>
  cancel(accountId: string, id: string): Promise<MessageDetail>
  /** Moves every message past its validity to 202 Expired; returns how many. */
  expireOverdue(): Promise<number>
  /** A gateway's delivery report, matched to its message; duplicates and unknown references change nothing. */
  recordDeliveryReport(report: DeliveryReport): Promise<'recorded' | 'duplicate' | 'unknown'>
}

/** `desk.messages` over the store in `ctx`, with `sending` for quote and send. */
export function createMessagesApi(
  ctx: CoreContext,
  sending: SendingModule,
  defaultCountry: string,
): MessagesApi {
  return {
    quote: sending.quote,
    send: sending.send,
    get: (accountId, id) => getMessage(ctx.db, ctx.dialect, accountId, id),
    list: (accountId, filter = {}) => {
      const recipients =
        filter.recipient !== undefined ? recipientForms(filter.recipient, defaultCountry) : undefined
      return listMessages(ctx.db, accountId, { ...filter, ...(recipients ? { recipients } : {}) })
    },
    batchSummary: (accountId, batchId) => batchSummary(ctx.db, accountId, batchId),
    cancel: (accountId, id) => cancelMessage(ctx, accountId, id),
    expireOverdue: () => expireOverdue(ctx),
    recordDeliveryReport: (report) => recordDeliveryReport(ctx, report),
  }
}

/** The stored forms a recipient filter can match: its E.164 form when it parses, and the text as given. */
function recipientForms(input: string, defaultCountry: string): string[] {
  const parsed = normalizeNumber(input, defaultCountry)
  return parsed.ok && parsed.e164 !== input.trim() ? [parsed.e164, input.trim()] : [input.trim()]
}
