/** The core's one public service surface: what the server and the bot call. Implemented by `createDesk`. */

import type { ChatLinks } from './chat/types.ts'
import type { Money } from './money.ts'
import type { Clock, DeliveryReport, InboundSms } from './ports.ts'

export type { ChatLinks, ChatThread, ChatWorkspace } from './chat/types.ts'

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
  name: string
  currency: string
  balance: Money
  naCampaign: boolean
  bannedWords: string[]
  registeredSenders: string[]
  virtualNumbers: string[]
  createdAt: Date
}

export interface NewAccount {
  name: string
  currency?: string
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
  body: string
  sendAt?: Date
  /** Hours the network keeps trying; default 72. */
  validityHours?: number
  reference?: string
  idempotencyKey?: string
  statusCallbackUrl?: string
  source?: Source
  /** User id (or chat user) who asked, for the batch record. */
  createdBy?: string
}

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
  recipients: { input: string; recipient: string; status: StatusRef | null; segments: number; price: Money }[]
  encoding: 'GSM-7' | 'UCS-2'
  segmentsPerMessage: number
  /** Only the messages that would be charged. */
  total: SendTotal
  balance: Money
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
  batchSize?: number
  pollMs?: number
  leaseMs?: number
  /** Attempts before a transient failure becomes final (516 GatewayError). */
  maxAttempts?: number
}

export interface IssueApiKeyOptions {
  /** A key chosen by the caller instead of a random one: `smsd_` followed by 32 letters or digits. */
  key?: string
}

export interface CallbackDeliveryOptions {
  /** HMAC-SHA256 key for the `X-SmsDesk-Signature` header. */
  secret: string
  pollMs?: number
  maxAttempts?: number
  timeoutMs?: number
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

export interface Desk {
  readonly clock: Clock

  createAccount(input: NewAccount): Promise<Account>
  getAccount(accountId: string): Promise<Account>
  createUser(accountId: string, input: { name: string; role: Role }): Promise<User>
  listUsers(accountId: string): Promise<User[]>
  /**
   * Issues a key for the user, shown only in this answer. `options.key` issues a key the caller chose (for
   * bootstrapping a known key); it must be `smsd_` + 32 base62 characters, else `InvalidRequest`, and one
   * already in use is a `Conflict`. Stored hashed like every key.
   */
  issueApiKey(
    accountId: string,
    userId: string,
    options?: IssueApiKeyOptions,
  ): Promise<{ key: string; info: ApiKeyInfo }>
  listApiKeys(accountId: string): Promise<ApiKeyInfo[]>
  revokeApiKey(accountId: string, keyId: string): Promise<void>
  /** The principal for a raw API key, or null for an unknown or revoked one. */
  authenticate(rawKey: string): Promise<Principal | null>

  quote(accountId: string, request: SendRequest): Promise<Quote>
  send(accountId: string, request: SendRequest): Promise<SendResult>
  getMessage(accountId: string, id: string): Promise<MessageDetail>
  listMessages(accountId: string, filter?: MessageFilter): Promise<Page<MessageSummary>>
  batchSummary(accountId: string, batchId: string): Promise<BatchSummary>
  cancel(accountId: string, id: string): Promise<MessageDetail>
  /** Moves every message past its validity to 202 Expired; returns how many. */
  expireOverdue(): Promise<number>

  balance(accountId: string): Promise<Money>
  ledger(accountId: string, page?: { limit?: number; cursor?: string }): Promise<Page<LedgerEntry>>
  topUp(accountId: string, amount: number, note?: string): Promise<Money>

  listContacts(
    accountId: string,
    query?: { search?: string; group?: string; limit?: number; cursor?: string },
  ): Promise<Page<Contact>>
  getContact(accountId: string, id: string): Promise<Contact>
  createContact(accountId: string, input: ContactInput): Promise<Contact>
  updateContact(accountId: string, id: string, patch: Partial<ContactInput>): Promise<Contact>
  deleteContact(accountId: string, id: string): Promise<void>
  listGroups(accountId: string): Promise<Group[]>

  listBlocklist(accountId: string): Promise<BlockEntry[]>
  block(accountId: string, number: string, reason?: BlockEntry['reason']): Promise<BlockEntry>
  unblock(accountId: string, number: string): Promise<boolean>
  /** The opt-out token for a recipient (created once, reused). */
  optOutToken(accountId: string, number: string): Promise<string>
  describeOptOutToken(
    token: string,
  ): Promise<{ accountName: string; maskedNumber: string; used: boolean } | null>
  /** Blocklists the token's number; idempotent. Null for an unknown token. */
  useOptOutToken(token: string): Promise<{ alreadyUsed: boolean } | null>

  receiveInbound(sms: InboundSms): Promise<InboundResult>
  recordDeliveryReport(report: DeliveryReport): Promise<'recorded' | 'duplicate' | 'unknown'>

  onStatusChange(listener: (event: StatusChangeEvent) => void): () => void
  onInbound(listener: (event: InboundEvent) => void): () => void

  startDispatcher(options?: DispatcherOptions): Dispatcher
  /** Posts queued status callbacks (rows written in the same transaction as the status), signed, with backoff. */
  startCallbackDelivery(options: CallbackDeliveryOptions): Dispatcher

  readonly chat: ChatLinks

  /** Stops dispatchers and gateway timers and closes the database. */
  close(): Promise<void>
}
