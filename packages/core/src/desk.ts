/** The core's one public service surface: what the server and the bot call. Implemented by `createDesk`. */

import type { AccountsApi, ApiKeysApi, UsersApi } from './accounts/accounts.ts'
import type { AuditApi } from './audit/audit.ts'
import type { SlackInstallationsApi } from './chat/slack-installations.ts'
import type { ChatLinks } from './chat/types.ts'
import type { BlocklistApi } from './contacts/blocklist.ts'
import type { ContactsApi, GroupsApi } from './contacts/contacts.ts'
import type { FaqFeedbackApi } from './faq-feedback/api.ts'
import type { InboundApi } from './inbound/inbound.ts'
import type { LedgerApi } from './ledger/api.ts'
import type { MessagesApi } from './messages/api.ts'
import type { Money } from './money.ts'
import type { OperatorApi } from './operator/index.ts'
import type { OptOutApi } from './opt-out/api.ts'
import type { Clock } from './ports.ts'
import type { SendersApi } from './senders/senders.ts'
import type { PricesApi } from './sending/prices-api.ts'
import type { PriceList } from './sending/pricing.ts'
import type { SupportApi } from './support/support.ts'
import type { TemplatesApi } from './templates/templates.ts'
import type { CallbacksApi } from './webhooks/api.ts'

export type { AccountsApi, ApiKeysApi, UsersApi } from './accounts/accounts.ts'
export type { AuditApi, AuditEntry, AuditInput, AuditVia } from './audit/audit.ts'
export type {
  SlackInstallation,
  SlackInstallationQuery,
  SlackInstallationsApi,
} from './chat/slack-installations.ts'
export type { ChatLinks, ChatThread, ChatWorkspace } from './chat/types.ts'
export type { BlocklistApi } from './contacts/blocklist.ts'
export type { ContactsApi, GroupsApi } from './contacts/contacts.ts'
export type { InboundApi, InboundSmsView } from './inbound/inbound.ts'
export type { CreditInput, CreditResult, LedgerApi } from './ledger/api.ts'
export type { MessagesApi } from './messages/api.ts'
export type * from './operator/index.ts'
export type { OptOutApi, OptOutServiceView, OptOutSettingsView } from './opt-out/api.ts'
export type { OptOutService, OptOutSubscription } from './opt-out/service.ts'
export type { OptOutMode, OptOutSettings, OptOutSettingsUpdate } from './opt-out/settings.ts'
export type { SenderRegistration, SenderStatus, SendersApi } from './senders/senders.ts'
export type { PriceListInForce, PricesApi } from './sending/prices-api.ts'
export type { SupportApi } from './support/support.ts'
export type * from './support/types.ts'
export type { Template, TemplatesApi } from './templates/templates.ts'

export type Role = 'admin' | 'sender' | 'viewer'
export type Source = 'api' | 'slack' | 'teams'
export type Lang = 'sv' | 'en'

/** Who is acting: every call is scoped to one account. */
export interface Principal {
  accountId: string
  userId: string
  role: Role
  keyId?: string
}

export interface Account {
  id: string
  /** The provider's number for the customer, unique: what support and the webshop quote. */
  customerNumber: string
  name: string
  status: AccountStatus
  currency: string
  balance: Money
  /** Whether a North-America campaign is in force now. */
  naCampaign: boolean
  /** When the campaign ends; null for an open-ended one (or none). */
  naCampaignUntil: Date | null
  bannedWords: string[]
  /** The approved senders. */
  registeredSenders: string[]
  /** Whether every sender must be approved first (the account's setting, or the provider-wide default). */
  requireRegisteredSenders: boolean
  /** The account's own prices, or null when the provider-wide list applies. */
  priceList: PriceList | null
  virtualNumbers: string[]
  createdAt: Date
}

/** A suspended account's sends are refused (`AccountSuspended`); reads still work. */
export type AccountStatus = 'active' | 'suspended'

export interface NewAccount {
  name: string
  /** Generated (the next free number from 100001) when absent; a taken one is a `Conflict`. */
  customerNumber?: string
  currency?: string
  priceList?: PriceList | null
  /** Opening balance in minor units, booked as a top-up ledger entry. */
  balance?: number
  naCampaign?: boolean
  bannedWords?: string[]
  registeredSenders?: string[]
  virtualNumbers?: string[]
}

export interface User {
  id: string
  accountId: string
  name: string
  role: Role
  createdAt: Date
}

export interface ApiKeyInfo {
  id: string
  userId: string
  prefix: string
  createdAt: Date
  revokedAt: Date | null
  lastUsedAt: Date | null
}

export interface SendRequest {
  sender: string
  /** Numbers in E.164 or local form (Swedish by default). */
  recipients?: string[]
  /** Contact group names; every member becomes a recipient. */
  groups?: string[]
  /** With `template`, ignored (may be empty): the template's text is the body. */
  body: string
  /**
   * A saved template's name: its `{placeholders}` are filled per recipient from the contact (`firstName`,
   * `lastName`, `email`, `number`) and `variables`; a recipient missing one without a default gets 408.
   */
  template?: string
  /** Values for template placeholders that are not contact fields (a contact's own field wins). */
  variables?: Record<string, string>
  sendAt?: Date
  /** Hours the network keeps trying; default 72. */
  validityHours?: number
  reference?: string
  idempotencyKey?: string
  statusCallbackUrl?: string
  source?: Source
  /** User id (or chat user) who asked, for the batch record. */
  createdBy?: string
  /**
   * `marketing` (the default) carries the account's opt-out; only a `transactional` send (a booking, a code) may go
   * without it. Stored with the batch.
   */
  purpose?: SendPurpose
}

export type SendPurpose = 'marketing' | 'transactional'

/** The opt-out a message carries: added at send time (`link`, `reply`), or the message is itself a `confirmation`. */
export type MessageOptOut = 'link' | 'reply' | 'confirmation' | null

export interface StatusRef {
  code: number
  name: string
}

export interface StatusStep extends StatusRef {
  at: Date
  detail: string | null
}

export interface MessageSummary {
  id: string
  batchId: string
  sender: string
  recipient: string
  body: string
  encoding: 'GSM-7' | 'UCS-2'
  segments: number
  price: Money
  /** The opt-out added to the body (which is the final text, as sent). */
  optOut: MessageOptOut
  status: StatusRef
  final: boolean
  reference: string | null
  source: Source
  sendAt: Date
  validUntil: Date
  createdAt: Date
  updatedAt: Date
}

export interface MessageDetail extends MessageSummary {
  /** The whole history, oldest first. */
  statuses: StatusStep[]
  gatewayId: string | null
  statusCallbackUrl: string | null
}

export interface SendTotal {
  messages: number
  segments: number
  price: Money
}

export interface SendResult {
  batchId: string
  messages: MessageSummary[]
  total: SendTotal
  /** True when an idempotency key matched an earlier identical request: nothing new was sent. */
  replayed: boolean
}

/** What a send would do, without storing or charging anything. */
export interface Quote {
  recipients: {
    input: string
    recipient: string
    status: StatusRef | null
    /** Why it would not be sent (the number, the block, the missing template field), or null. */
    reason: string | null
    segments: number
    price: Money
  }[]
  encoding: 'GSM-7' | 'UCS-2'
  /** Segments of each message as sent, the opt-out included. */
  segmentsPerMessage: number
  /** Only the messages that would be charged. */
  total: SendTotal
  balance: Money
  /** What the opt-out adds; `mode` is null when nothing is added. */
  optOut: QuoteOptOut
}

export interface QuoteOptOut {
  mode: 'link' | 'reply' | null
  /** The text added after a line break (a link shown with its real token when the first recipient has one). */
  addition: string | null
  /** The final text of the first message that would be sent, exactly as the recipient gets it. */
  example: string | null
  /** Segments the opt-out adds to each message. */
  addedSegments: number
}

export interface MessageFilter {
  recipient?: string
  batchId?: string
  status?: number
  limit?: number
  cursor?: string
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface BatchSummary {
  batchId: string
  total: number
  byStatus: (StatusRef & { count: number })[]
  final: boolean
  price: Money
}

export interface LedgerEntry {
  id: number
  amount: Money
  balanceAfter: Money
  kind: 'top_up' | 'charge' | 'refund' | 'adjustment'
  batchId: string | null
  messageId: string | null
  note: string | null
  /** The credit's idempotency reference (a webshop order id), when it had one. */
  reference: string | null
  createdAt: Date
}

export interface Contact {
  id: string
  number: string
  firstName: string | null
  lastName: string | null
  email: string | null
  groups: string[]
  createdAt: Date
  updatedAt: Date
}

export interface ContactInput {
  number: string
  firstName?: string | null
  lastName?: string | null
  email?: string | null
  /** Group names; groups are created on first use. */
  groups?: string[]
}

export interface Group {
  id: string
  name: string
  members: number
  createdAt: Date
}

export interface BlockEntry {
  number: string
  reason: 'manual' | 'stop' | 'opt_out_link'
  createdAt: Date
}

export interface InboundResult {
  id: string
  accountId: string | null
  keyword: 'STOP' | 'START' | 'SPARA' | null
  /** What the keyword did, for replies and logs. */
  action: 'blocked' | 'unblocked' | 'contact_saved' | 'stored' | 'ignored_unknown_number' | 'duplicate'
  contactId?: string
}

export interface StatusChangeEvent {
  accountId: string
  messageId: string
  batchId: string
  recipient: string
  code: number
  name: string
  final: boolean
  at: Date
}

export interface InboundEvent {
  id: string
  accountId: string
  from: string
  to: string
  body: string
  keyword: InboundResult['keyword']
  at: Date
}

export interface Dispatcher {
  /** Claims and hands over due messages once; returns how many were claimed. */
  runOnce(): Promise<number>
  /** Stops polling after the batch in hand; resolves when idle. */
  stop(): Promise<void>
}

export interface DispatcherOptions {
  /** Identifies this process's leases. */
  owner?: string
  /** Messages per claim. */
  batchSize?: number
  /** Wait between rounds when the last one claimed less than a full batch (default 500). */
  pollMs?: number
  /**
   * A send that queues messages in this process starts the next round within this many milliseconds instead of at
   * the end of `pollMs` (default 100; 0: only the poll). Sends from other processes wait for the poll.
   */
  wakeMs?: number
  /** How long a claim is ours without renewal; renewed every third of it while its hand-over runs. */
  leaseMs?: number
  /** Attempts before a transient failure becomes final (516 GatewayError, or 599 Unknown when in doubt). */
  maxAttempts?: number
  /** Most recipients per gateway call: messages with the same sender, body and encoding travel as one batch. */
  handOverSize?: number
  /** Gateway calls of one claim in flight at once. */
  concurrency?: number
  /**
   * Claims being handed over at once while a backlog fills whole claims (default 2; an idle dispatcher polls with one).
   * Each claim is its own transaction under its own lease, so no two share a message. The next claim is made while
   * the last one waits on the gateway, instead of the store waiting for the gateway and the other way round.
   */
  claimsInFlight?: number
  /** Called after each batch that claimed anything: an observer port for metrics (the core imports none). */
  onBatch?: (batch: DispatchBatch) => void
}

/** One dispatcher batch: how many messages it claimed and how long claiming and handing over took. */
export interface DispatchBatch {
  claimed: number
  claimMs: number
  handOverMs: number
}

export interface IssueApiKeyOptions {
  /** A key chosen by the caller instead of a random one: `smsd_` followed by 32 letters or digits. */
  key?: string
}

/** One finished callback attempt, for logs and metrics (the URL is the customer's: log its origin only). */
export interface CallbackAttempt {
  id: string
  messageId: string
  url: string
  /** 1 for the first try. */
  attempt: number
  outcome: 'delivered' | 'retrying' | 'failed'
  error: string | null
  ms: number
}

export interface CallbackDeliveryOptions {
  /** The Standard Webhooks signing secret, `whsec_<base64>` (see `newCallbackSecret`). */
  secret: string
  pollMs?: number
  /** Attempts in all before giving up; default one more than the retry schedule is long (8). */
  maxAttempts?: number
  timeoutMs?: number
  /** How far each retry wait may stray, as a fraction (default 0.1: ±10 %); 0 for exact waits in tests. */
  jitter?: number
  /** Called after every attempt is recorded. */
  onAttempt?: (attempt: CallbackAttempt) => void
  /**
   * Injectable for tests of the transport itself. By default callbacks go over node:http(s), pinned to the
   * addresses checked against private networks; an injected fetch resolves the name again itself.
   */
  fetch?: typeof fetch
  /**
   * Lets callbacks reach loopback, private, link-local (cloud metadata), CGNAT and unique-local addresses and
   * names like `localhost`. Off by default: customer-supplied URLs must not reach the operator's own network.
   */
  allowPrivateNetworks?: boolean
}

/** `desk.events`: in-process listeners, called after each change is committed (and for other servers' changes on PostgreSQL). */
export interface EventsApi {
  onStatusChange(listener: (event: StatusChangeEvent) => void): () => void
  onInbound(listener: (event: InboundEvent) => void): () => void
}

/**
 * The core's service surface, grouped by concept in the manner of Slack's `client.chat.update`: each namespace is
 * typed by the interface of the module that implements it, so a new method is declared in that one module.
 */
export interface Desk {
  readonly clock: Clock
  readonly accounts: AccountsApi
  readonly users: UsersApi
  readonly apiKeys: ApiKeysApi
  readonly messages: MessagesApi
  readonly ledger: LedgerApi
  readonly contacts: ContactsApi
  readonly groups: GroupsApi
  readonly templates: TemplatesApi
  readonly blocklist: BlocklistApi
  readonly optOut: OptOutApi
  readonly inbound: InboundApi
  readonly events: EventsApi
  readonly dispatcher: {
    /** Starts an outbox dispatcher that claims due messages and hands them to the gateway. */
    start(options?: DispatcherOptions): Dispatcher
  }
  readonly callbacks: CallbacksApi
  readonly chat: ChatLinks
  /** The provider's side: staff and keys, accounts and messages across accounts. */
  readonly operator: OperatorApi
  readonly audit: AuditApi
  readonly senders: SendersApi
  readonly prices: PricesApi
  /** Slack workspaces that installed the app by OAuth, with their sealed tokens. */
  readonly slackInstallations: SlackInstallationsApi
  /** Searches the FAQ could not answer and "Did this help?" votes. */
  readonly faqFeedback: FaqFeedbackApi
  /** Questions from the help widget answered by staff in a chat thread. */
  readonly support: SupportApi

  /** Stops dispatchers and gateway timers and closes the database. */
  close(): Promise<void>
}
