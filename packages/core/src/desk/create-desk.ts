/** `createDesk`: opens the store and composes every core module behind the one `Desk` surface. */

import type { Kysely } from 'kysely'
import { createAccountsModule } from '../accounts/index.ts'
import { createChatLinks } from '../chat/index.ts'
import { blockedAmong, createBlocklistModule, createContactsModule } from '../contacts/index.ts'
import { type CoreContext, DeskEvents, type Dialect } from '../context.ts'
import type { Desk, Dispatcher, DispatcherOptions } from '../desk.ts'
import { recordDeliveryReport, startDispatcher } from '../dispatch/index.ts'
import { createSimulatorGateway } from '../gateway/index.ts'
import { createInboundModule } from '../inbound/index.ts'
import { listLedgerEntries, readBalance, topUpBalance } from '../ledger/index.ts'
import { batchSummary, cancelMessage, expireOverdue, getMessage, listMessages } from '../messages/index.ts'
import { money } from '../money.ts'
import { type Clock, type SmsGateway, systemClock } from '../ports.ts'
import { normalizeNumber } from '../sending/phone.ts'
import { assertPriceTable, DEFAULT_PRICES, type PriceTable } from '../sending/pricing.ts'
import { createSendingModule } from '../sending/send.ts'
import { openDatabase } from '../store/open.ts'
import type { StatusChannel } from '../store/pg-status-channel.ts'
import type { Database } from '../store/schema.ts'
import { createCallbackDelivery } from '../webhooks/index.ts'

export interface DeskOptions {
  /** A `postgres://` URL, or a SQLite file path (default `./data/smsdesk.sqlite`). */
  database?: string
  /** An already opened store (tests); `close()` closes it too. */
  db?: { db: Kysely<Database>; dialect: Dialect; statusChannel?: StatusChannel; close(): Promise<void> }
  /** Default: the simulator with no step delay. */
  gateway?: SmsGateway
  clock?: Clock
  /** Prices per currency; default `DEFAULT_PRICES`. */
  prices?: PriceTable
  /** Country for numbers written in local form; default SE. */
  defaultCountry?: string
  /** Defaults for every `startDispatcher` call. */
  dispatcher?: DispatcherOptions
}

/** Opens (and migrates) the store and returns the Desk over it. */
export async function createDesk(options: DeskOptions = {}): Promise<Desk> {
  const store = options.db ?? (await openDatabase(options.database ? { url: options.database } : {}))
  const ctx: CoreContext = {
    db: store.db,
    dialect: store.dialect,
    clock: options.clock ?? systemClock,
    events: new DeskEvents(),
    ...(store.statusChannel ? { statusChannel: store.statusChannel } : {}),
  }
  // Other processes' status changes reach this process's listeners as its own do (chat messages, caches).
  try {
    await store.statusChannel?.listen((events) => {
      for (const event of events) ctx.events.emitStatusChange(event)
    })
  } catch (err) {
    // A store opened here is closed here; one handed in belongs to the caller.
    if (!options.db) await store.close()
    throw err
  }
  const defaultCountry = options.defaultCountry ?? 'SE'
  const prices = assertPriceTable(options.prices ?? DEFAULT_PRICES)
  const gateway = options.gateway ?? createSimulatorGateway({ stepDelayMs: 0, clock: ctx.clock })

  const accounts = createAccountsModule(ctx, { defaultCountry })
  const contacts = createContactsModule(ctx, { defaultCountry })
  const blocklist = createBlocklistModule(ctx, { defaultCountry })
  const inbound = createInboundModule(ctx, { defaultCountry })
  const chat = createChatLinks(ctx)
  const findBlocked = (accountId: string, numbers: string[]) =>
    blockedAmong(ctx.db, ctx.dialect, accountId, numbers)
  const sending = createSendingModule(ctx, {
    prices,
    defaultCountry,
    membersOfGroups: (accountId, names) => contacts.membersOfGroups(accountId, names),
    blockedAmong: findBlocked,
  })

  let closed = false
  gateway.attach?.({
    deliveryReport: async (report) => {
      if (closed) return
      await recordDeliveryReport(ctx, report)
    },
    inbound: async (sms) => {
      if (closed) return
      await inbound.receiveInbound(sms)
    },
  })

  const running = new Set<Dispatcher>()
  const track = (dispatcher: Dispatcher): Dispatcher => {
    running.add(dispatcher)
    return {
      runOnce: () => dispatcher.runOnce(),
      stop: async () => {
        running.delete(dispatcher)
        await dispatcher.stop()
      },
    }
  }

  const desk: Desk = {
    clock: ctx.clock,
    ...accounts,
    quote: sending.quote,
    send: sending.send,
    getMessage: (accountId, id) => getMessage(ctx.db, accountId, id),
    listMessages: async (accountId, filter = {}) => {
      const recipients =
        filter.recipient !== undefined ? recipientForms(filter.recipient, defaultCountry) : undefined
      return listMessages(ctx.db, accountId, { ...filter, ...(recipients ? { recipients } : {}) })
    },
    batchSummary: (accountId, batchId) => batchSummary(ctx.db, accountId, batchId),
    cancel: (accountId, id) => cancelMessage(ctx, accountId, id),
    expireOverdue: () => expireOverdue(ctx),
    balance: async (accountId) => {
      const b = await readBalance(ctx.db, accountId)
      return money(b.amount, b.currency)
    },
    ledger: async (accountId, page) => {
      const { currency } = await readBalance(ctx.db, accountId)
      return listLedgerEntries(ctx.db, accountId, currency, page)
    },
    topUp: async (accountId, amount, note) => {
      const b = await topUpBalance(ctx, {
        accountId,
        amount,
        ...(note !== undefined ? { note } : {}),
        at: ctx.clock.now(),
      })
      return money(b.amount, b.currency)
    },
    listContacts: contacts.listContacts,
    getContact: contacts.getContact,
    createContact: contacts.createContact,
    updateContact: contacts.updateContact,
    deleteContact: contacts.deleteContact,
    listGroups: contacts.listGroups,
    listBlocklist: blocklist.listBlocklist,
    block: blocklist.block,
    unblock: blocklist.unblock,
    optOutToken: blocklist.optOutToken,
    describeOptOutToken: blocklist.describeOptOutToken,
    useOptOutToken: blocklist.useOptOutToken,
    receiveInbound: inbound.receiveInbound,
    recordDeliveryReport: (report) => recordDeliveryReport(ctx, report),
    onStatusChange: (listener) => ctx.events.onStatusChange(listener),
    onInbound: (listener) => ctx.events.onInbound(listener),
    startDispatcher: (opts) =>
      track(startDispatcher(ctx, { gateway, blockedAmong: findBlocked }, { ...options.dispatcher, ...opts })),
    startCallbackDelivery: (opts) => track(createCallbackDelivery(ctx, opts)),
    chat,
    close: async () => {
      if (closed) return
      closed = true
      await Promise.all([...running].map((d) => d.stop()))
      running.clear()
      await gateway.close?.()
      await store.close()
    },
  }
  return desk
}

/** The stored forms a recipient filter can match: its E.164 form when it parses, and the text as given. */
function recipientForms(input: string, defaultCountry: string): string[] {
  const parsed = normalizeNumber(input, defaultCountry)
  return parsed.ok && parsed.e164 !== input.trim() ? [parsed.e164, input.trim()] : [input.trim()]
}
