/**
 * The database schema as Kysely table types. Timestamps are ISO-8601 UTC text with milliseconds
 * (`2026-11-25T13:28:00.000Z`), so they sort and compare the same on SQLite and PostgreSQL.
 * Money columns are bigint minor units; `pg` returns them as strings, so mappers convert with Number().
 * Booleans are integers 0/1.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { FaqDraftsTable, SupportConversationsTable, SupportMessagesTable } from './schema-support.ts'

/** bigint on PostgreSQL comes back as a string; accept both when reading. */
type Big = ColumnType<number | string, number, number>
type Bool = ColumnType<number, number, number>

export interface AccountsTable {
  id: string
  name: string
  currency: string
  balance: Big
  /** Registered a North-America campaign: may send to +1. */
  na_campaign: Bool
  /** JSON array of banned words (content policy). */
  banned_words: string
  created_at: string
  /** Unique; generated when the operator gives none. Null only between the column's migration and its backfill. */
  customer_number: string | null
  status: ColumnType<'active' | 'suspended', 'active' | 'suspended' | undefined, 'active' | 'suspended'>
  /** 1 or 0 when set for this account; null follows the provider-wide default. */
  require_registered_senders: number | null
  /** JSON `PriceList` in the account's currency; null uses the provider-wide list. */
  price_list: string | null
  /** When the North-America campaign ends; null with na_campaign = 1 means open-ended. */
  na_campaign_until: string | null
  /**
   * Moved by triggers whenever what a send reads about the account changes (all but the balance): a send plans with
   * what it read before while this is the same. Never written by the code.
   */
  settings_version: ColumnType<number | string, never, never>
}

/** An alphanumeric sender an account asked for, and the provider's decision. */
export interface RegisteredSendersTable {
  account_id: string
  sender: string
  status: ColumnType<SenderStatus, SenderStatus | undefined, SenderStatus>
  note: string | null
  updated_at: string | null
}

export type SenderStatus = 'pending' | 'approved' | 'rejected'

export interface VirtualNumbersTable {
  /** E.164 number that receives inbound SMS for the account. */
  number: string
  account_id: string
}

export interface UsersTable {
  id: string
  account_id: string
  name: string
  role: 'admin' | 'sender' | 'viewer'
  created_at: string
}

export interface ApiKeysTable {
  id: string
  account_id: string
  user_id: string
  /** First characters of the key, shown to people and used to find the row. */
  prefix: string
  /** SHA-256 hex of the whole key. */
  hash: string
  created_at: string
  revoked_at: string | null
  last_used_at: string | null
}

export interface LedgerEntriesTable {
  id: Generated<number>
  account_id: string
  /** Signed: top-ups positive, charges negative, refunds positive. */
  amount: Big
  balance_after: Big
  kind: 'top_up' | 'charge' | 'refund' | 'adjustment'
  batch_id: string | null
  message_id: string | null
  note: string | null
  /** The webshop order (or other) id that makes a credit idempotent; unique per account. */
  reference: string | null
  created_at: string
}

export interface BatchesTable {
  id: string
  account_id: string
  source: 'api' | 'slack' | 'teams'
  idempotency_key: string | null
  /** SHA-256 of the canonical request, to tell a retry from a different request with the same key. */
  request_hash: string | null
  message_count: number
  total_segments: number
  total_price: Big
  currency: string
  created_by: string | null
  created_at: string
  /** `transactional` sends may go without an opt-out; everything else counts as marketing. */
  purpose: ColumnType<'marketing' | 'transactional', 'marketing' | 'transactional' | undefined, never>
}

export interface MessagesTable {
  id: string
  account_id: string
  batch_id: string
  sender: string
  /** E.164 when valid; the input as given when it was not (status 409). */
  recipient: string
  country: string | null
  body: string
  encoding: 'GSM-7' | 'UCS-2'
  segments: number
  price: Big
  currency: string
  /** Current status code; every step that led to it is in `history`. */
  status_code: number
  /** Whether the price is currently charged (1) — set by funding, cleared by a refund. */
  charged: Bool
  reference: string | null
  source: 'api' | 'slack' | 'teams'
  status_callback_url: string | null
  send_at: string
  valid_until: string
  gateway_id: string | null
  /** Dispatcher bookkeeping: attempts so far, next try, and the lease of whoever claimed it. */
  attempts: number
  next_attempt_at: string
  lease_owner: string | null
  lease_until: string | null
  /** The hand-over it was last submitted in (recorded before the call); null when never, or after a clean refusal. */
  hand_over_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: string
  updated_at: string
  /** The opt-out added to the body at send time (`link`, `reply`), or `confirmation` for an opt-out confirmation. */
  opt_out: ColumnType<OptOutTag | null, OptOutTag | null | undefined, never>
  /**
   * Every step of the message's status, in recording order: `[code, at, detail]` JSON arrays joined by commas, a
   * code at most once, `at` left out for the steps written at the send (they happened at `created_at`). Written and
   * read through messages/history.ts only. Empty by default (a row written by hand, as tests do, has no steps).
   */
  history: ColumnType<string, string | undefined, string>
}

export type OptOutTag = 'link' | 'reply' | 'confirmation'

export interface ContactsTable {
  id: string
  account_id: string
  number: string
  first_name: string | null
  last_name: string | null
  email: string | null
  created_at: string
  updated_at: string
}

/** A saved message text; `name` is stored lower-case, unique per account. */
export interface TemplatesTable {
  id: string
  account_id: string
  name: string
  body: string
  created_at: string
  updated_at: string
}

export interface GroupsTable {
  id: string
  account_id: string
  name: string
  /** lower-cased name: groups are unique per account regardless of case. */
  name_key: string
  created_at: string
}

export interface ContactGroupsTable {
  contact_id: string
  group_id: string
}

export interface BlocklistTable {
  account_id: string
  number: string
  reason: 'manual' | 'stop' | 'opt_out_link'
  created_at: string
}

export interface OptOutTokensTable {
  token: string
  account_id: string
  number: string
  created_at: string
  used_at: string | null
}

/** An account's opt-out settings; no row means the defaults (mode off). */
export interface OptOutSettingsTable {
  account_id: string
  mode: 'off' | 'link' | 'reply'
  lang: 'sv' | 'en'
  /** Null: the default text in that language. */
  link_text_sv: string | null
  link_text_en: string | null
  reply_text_sv: string | null
  reply_text_en: string | null
  required_for_marketing: Bool
  confirmations: Bool
  updated_at: string
}

/** One period of a paid opt-out add-on; the current one has no `cancelled_at`. */
export interface OptOutSubscriptionsTable {
  id: string
  account_id: string
  service: 'link' | 'reply'
  yearly_price: Big
  currency: string
  started_at: string
  /** End of the 12 months' commitment. */
  committed_until: string
  cancelled_at: string | null
  /** Set on cancelling: the later of the commitment's end and three months' notice. */
  paid_until: string | null
  created_by: string | null
}

/** The one confirmation SMS a number may get from an account in a day (UTC). */
export interface OptOutConfirmationsTable {
  account_id: string
  number: string
  /** `YYYY-MM-DD` (UTC). */
  day: string
  keyword: 'STOP' | 'START'
  batch_id: string | null
  created_at: string
}

export interface InboundMessagesTable {
  id: string
  account_id: string | null
  from_number: string
  to_number: string
  body: string
  /** The keyword acted on: STOP, START, SPARA, or null. */
  keyword: string | null
  gateway_id: string | null
  received_at: string
}

export interface WebhookDeliveriesTable {
  id: string
  account_id: string
  message_id: string
  url: string
  /** JSON body as sent. */
  payload: string
  attempts: number
  next_attempt_at: string
  delivered_at: string | null
  failed_at: string | null
  last_error: string | null
  created_at: string
}

/** A Slack workspace or Teams tenant linked to an account. */
export interface ChatWorkspacesTable {
  platform: 'slack' | 'teams'
  workspace_id: string
  account_id: string
  lang: 'sv' | 'en'
  linked_by: string
  created_at: string
}

export interface ChatMembersTable {
  platform: 'slack' | 'teams'
  workspace_id: string
  user_id: string
  role: 'admin' | 'sender' | 'viewer'
  created_at: string
}

/** A send waiting for a person's confirmation; usable once. */
export interface ChatPendingSendsTable {
  id: string
  platform: 'slack' | 'teams'
  workspace_id: string
  user_id: string
  /** JSON of the send request. */
  request: string
  created_at: string
  expires_at: string
  used_at: string | null
}

/** Where a send's status message lives in chat, so it can be updated and replies threaded. */
export interface ChatThreadsTable {
  id: string
  platform: 'slack' | 'teams'
  workspace_id: string
  batch_id: string
  channel: string
  /** Slack: ts of the bot's message (the thread root). Teams: the activity id of the card. */
  message_ref: string
  /** Teams: JSON conversation reference for proactive updates. */
  conversation: string | null
  created_at: string
}

/** Provider staff: `operator` does everything, `support` reads across accounts. */
export interface OperatorsTable {
  id: string
  name: string
  role: 'operator' | 'support'
  created_at: string
}

export interface OperatorKeysTable {
  id: string
  operator_id: string
  prefix: string
  /** SHA-256 hex of the whole key. */
  hash: string
  created_at: string
  revoked_at: string | null
  last_used_at: string | null
}

/** One row per operator action or cross-account read: who, what, which account, when and from where. */
export interface AuditLogTable {
  id: string
  operator_id: string
  operator_name: string
  action: string
  account_id: string | null
  target: string | null
  via: 'api' | 'slack' | 'teams' | 'cli'
  /** The caller's IP address, or the chat workspace and user. */
  origin: string | null
  /** The HTTP status answered, when there was one. */
  outcome: number | null
  at: string
}

/** A Slack workspace or Teams tenant linked with an operator key: support staff look across accounts there. */
export interface SupportWorkspacesTable {
  platform: 'slack' | 'teams'
  workspace_id: string
  operator_id: string
  lang: 'sv' | 'en'
  linked_by: string
  created_at: string
  /** Where widget support conversations are posted (a Teams conversation reference, JSON); null if nowhere. */
  support_channel: string | null
}

export interface SupportMembersTable {
  platform: 'slack' | 'teams'
  workspace_id: string
  user_id: string
  role: 'operator' | 'support'
  created_at: string
}

/** One call to a gateway, recorded before it is made; its id travels as the batch's reference. */
export interface HandOversTable {
  id: string
  /** The dispatcher (lease owner) that made it. */
  owner: string
  message_count: number
  created_at: string
}

/** A Slack workspace (or organisation) that installed the app by OAuth; tokens are sealed by the bot. */
export interface SlackInstallationsTable {
  install_key: string
  team_id: string | null
  enterprise_id: string | null
  is_enterprise_install: Bool
  app_id: string | null
  bot_id: string | null
  bot_user_id: string
  bot_token_sealed: string
  bot_refresh_token_sealed: string | null
  /** Unix seconds; set only with token rotation. */
  bot_token_expires_at: ColumnType<number | string | null, number | null, number | null>
  /** Comma-separated bot scopes. */
  bot_scopes: string
  installer_user_id: string | null
  installed_at: string
  updated_at: string
}

/** Per day, kind and subject (a normalised query or an article id): how often it happened. */
export interface FaqFeedbackCountsTable {
  /** `YYYY-MM-DD`, UTC. */
  day: string
  kind: 'miss' | 'helpful' | 'unhelpful'
  subject: string
  lang: 'sv' | 'en'
  count: number
}

export interface Database {
  accounts: AccountsTable
  registered_senders: RegisteredSendersTable
  virtual_numbers: VirtualNumbersTable
  users: UsersTable
  api_keys: ApiKeysTable
  ledger_entries: LedgerEntriesTable
  batches: BatchesTable
  messages: MessagesTable
  hand_overs: HandOversTable
  contacts: ContactsTable
  templates: TemplatesTable
  groups: GroupsTable
  contact_groups: ContactGroupsTable
  blocklist: BlocklistTable
  opt_out_tokens: OptOutTokensTable
  opt_out_settings: OptOutSettingsTable
  opt_out_subscriptions: OptOutSubscriptionsTable
  opt_out_confirmations: OptOutConfirmationsTable
  inbound_messages: InboundMessagesTable
  webhook_deliveries: WebhookDeliveriesTable
  chat_workspaces: ChatWorkspacesTable
  chat_members: ChatMembersTable
  chat_pending_sends: ChatPendingSendsTable
  chat_threads: ChatThreadsTable
  operators: OperatorsTable
  operator_keys: OperatorKeysTable
  audit_log: AuditLogTable
  support_workspaces: SupportWorkspacesTable
  support_members: SupportMembersTable
  slack_installations: SlackInstallationsTable
  faq_feedback_counts: FaqFeedbackCountsTable
  support_conversations: SupportConversationsTable
  support_messages: SupportMessagesTable
  faq_drafts: FaqDraftsTable
}

export type AccountRow = Selectable<AccountsTable>
export type MessageRow = Selectable<MessagesTable>
export type NewMessage = Insertable<MessagesTable>
export type ContactRow = Selectable<ContactsTable>
export type LedgerRow = Selectable<LedgerEntriesTable>
