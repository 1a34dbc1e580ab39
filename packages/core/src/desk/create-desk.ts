/** `createDesk`: opens the store and composes every core module behind the one `Desk` surface. */

import type { Kysely } from 'kysely'
import { createAccountsModule } from '../accounts/index.ts'
import { createAuditApi } from '../audit/audit.ts'
import { createChatLinks, createSlackInstallations } from '../chat/index.ts'
import { pushBlockToGateway } from '../contacts/gateway-sync.ts'
import { createBlocklistModule, createContactsModule } from '../contacts/index.ts'
import { type CoreContext, DeskEvents, type Dialect } from '../context.ts'
import type { Desk, Dispatcher, DispatcherOptions } from '../desk.ts'
import { recordDeliveryReport, startDispatcher } from '../dispatch/index.ts'
import { createFaqFeedbackApi } from '../faq-feedback/api.ts'
import { createSimulatorGateway } from '../gateway/index.ts'
import { createInboundModule } from '../inbound/index.ts'
import { createLedgerApi } from '../ledger/api.ts'
import { createMessagesApi } from '../messages/api.ts'
import { createOperatorApi } from '../operator/index.ts'
import { createOptOutApi } from '../opt-out/api.ts'
import { createOptOutConfirmer } from '../opt-out/confirmation.ts'
import { type Clock, type SmsGateway, systemClock } from '../ports.ts'
import { createSendersApi } from '../senders/senders.ts'
import { createPricesApi } from '../sending/prices-api.ts'
import { assertPriceTable, DEFAULT_PRICES, type PriceTable } from '../sending/pricing.ts'
import { createSendingModule } from '../sending/send.ts'
import { openDatabase } from '../store/open.ts'
import type { StatusChannel } from '../store/pg-status-channel.ts'
import type { Database } from '../store/schema.ts'
import { createSupportApi } from '../support/index.ts'
import { createTemplatesApi } from '../templates/templates.ts'
import { createCallbacksApi } from '../webhooks/index.ts'

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
  /** Provider-wide default: every account must have its senders approved before sending (accounts may differ). */
  requireRegisteredSenders?: boolean
  /** Defaults for every `desk.dispatcher.start` call. */
  dispatcher?: DispatcherOptions
  /** This server's public address, for opt-out links (`<publicUrl>/u/<token>`); default `http://localhost:8787`. */
  publicUrl?: string
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

  const requireRegisteredSenders = options.requireRegisteredSenders === true
  const accounts = createAccountsModule(ctx, { defaultCountry, requireRegisteredSenders })
  const contacts = createContactsModule(ctx, { defaultCountry })
  const blocklist = createBlocklistModule(ctx, { defaultCountry })
  const chat = createChatLinks(ctx)
  const findBlocked = blocklist.blockedAmong
  const sending = createSendingModule(ctx, {
    prices,
    defaultCountry,
    requireRegisteredSenders,
    membersOfGroups: contacts.membersOfGroups,
    blockedAmong: findBlocked,
    publicUrl: (options.publicUrl ?? 'http://localhost:8787').replace(/\/+$/, ''),
  })
  const confirmOptOut = createOptOutConfirmer(ctx, sending)
  const inbound = createInboundModule(ctx, { defaultCountry, onOptOutChange: confirmOptOut })
  const optOut = createOptOutApi(ctx, { defaultCountry, onOptOut: confirmOptOut })

  let closed = false
  gateway.attach?.({
    deliveryReport: async (report) => {
      if (closed) return
      await recordDeliveryReport(ctx, report)
    },
    inbound: async (sms) => {
      if (closed) return
      await inbound.receive(sms)
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
    messages: createMessagesApi(ctx, { quote: sending.quote, send: sending.send }, defaultCountry),
    ledger: createLedgerApi(ctx),
    contacts: contacts.contacts,
    groups: contacts.groups,
    templates: createTemplatesApi(ctx),
    blocklist: {
      ...blocklist.blocklist,
      // Ours to the gateway's at once; numbers blocked by STOP or an opt-out link follow with the scheduled sync.
      add: async (accountId, number, reason) => {
        const entry = await blocklist.blocklist.add(accountId, number, reason)
        pushBlockToGateway(gateway, entry.number)
        return entry
      },
    },
    optOut,
    inbound,
    events: {
      onStatusChange: (listener) => ctx.events.onStatusChange(listener),
      onInbound: (listener) => ctx.events.onInbound(listener),
    },
    dispatcher: {
      start: (opts) =>
        track(
          startDispatcher(ctx, { gateway, blockedAmong: findBlocked }, { ...options.dispatcher, ...opts }),
        ),
    },
    callbacks: createCallbacksApi(ctx, track),
    chat,
    operator: createOperatorApi(ctx, accounts.accounts, defaultCountry),
    audit: createAuditApi(ctx),
    senders: createSendersApi(ctx),
    prices: createPricesApi(ctx, prices),
    slackInstallations: createSlackInstallations(ctx),
    faqFeedback: createFaqFeedbackApi(ctx),
    support: createSupportApi(ctx, { defaultCountry }),
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
