/**
 * Decides what a send would do, message by message, without storing anything: shared by `quote` and `send`.
 * Each recipient either gets a rejection code (with the reason) or is chargeable at its price.
 */
import type { Selectable } from 'kysely'
import { sql } from 'kysely'
import { campaignInForce, parseWords } from '../accounts/mappers.ts'
import { boundedMap } from '../bounded-map.ts'
import type { CoreContext } from '../context.ts'
import type { MessageOptOut, SendPurpose, SendRequest } from '../desk.ts'
import { DeskError } from '../errors.ts'
import type { OptOutService } from '../opt-out/service.ts'
import { type OptOutSettings, rowToSettings } from '../opt-out/settings.ts'
import type { OptOutSettingsTable, SenderStatus } from '../store/schema.ts'
import { compileContentPolicy } from './content-policy.ts'
import { type OptOutAddition, planOptOutAddition, SAMPLE_TOKEN } from './opt-out-addition.ts'
import {
  type PriceList,
  type PriceTable,
  parsePriceList,
  priceListInForce,
  type SegmentPrice,
  segmentPrice,
} from './pricing.ts'
import { type ResolvedRecipient, resolveRecipients } from './recipients.ts'
import { countSegments, type SegmentEncoding } from './segments.ts'
import {
  additionFor,
  checkVariables,
  countFilled,
  missingDetail,
  recipientFiller,
  templateBody,
  tooLongDetail,
} from './templated.ts'
import {
  assertValidBody,
  assertValidSender,
  type CheckedOptions,
  checkRequestOptions,
  MAX_BODY_CHARS,
  MAX_RECIPIENTS,
  senderKey,
} from './validate.ts'

/** What sending needs from the contacts and blocklist modules. */
export interface SendingDeps {
  prices: PriceTable
  defaultCountry: string
  /** The provider-wide default for accounts that have not chosen: only approved senders may send. */
  requireRegisteredSenders?: boolean
  membersOfGroups(accountId: string, names: string[]): Promise<{ numbers: string[]; missing: string[] }>
  blockedAmong(accountId: string, numbers: string[]): Promise<Set<string>>
  /** `PUBLIC_URL`, for opt-out links. */
  publicUrl: string
}

/** Sends the core makes itself, never through the public surface. */
export interface InternalSendOptions {
  /**
   * An opt-out confirmation: goes to a number that has just blocked the account, carries no opt-out and is
   * marked so the dispatcher lets it through the blocklist.
   */
  confirmation?: boolean
}

export interface PlannedMessage extends ResolvedRecipient {
  /** The rejection code, or null when the message is to be funded and sent. */
  code: number | null
  detail: string | null
  /** Price of the whole message (all segments) in minor units; 0 when rejected. */
  price: number
  /** The body as it will be stored and sent: the request's body, plus the opt-out for a message to be sent. */
  body: string
  segments: number
  /** Price of one segment to this recipient; 0 when rejected. */
  perSegment: number
  optOut: MessageOptOut
  /** A templated message's own encoding, when its filled text counts differently from the plan's. */
  encoding?: SegmentEncoding
  /** A templated message's own opt-out (after its filled text); the plan's `addition` otherwise. */
  addition?: OptOutAddition | null
}

export interface SendPlan {
  accountId: string
  currency: string
  balance: number
  sender: string
  /** The request's body, before any opt-out. */
  body: string
  /** Encoding and segments of the messages to be sent, opt-out included (see each message for its own). */
  encoding: SegmentEncoding
  segments: number
  /** Segments of the request's body alone. */
  baseSegments: number
  purpose: SendPurpose
  /** What each message to be sent gets added; link bodies hold the sample token until the send's transaction. */
  addition: OptOutAddition | null
  options: CheckedOptions
  messages: PlannedMessage[]
  /** Sum over the chargeable messages. */
  chargeable: { messages: number; segments: number; price: number }
}

/** Checks the request (throwing for request-level faults) and decides each recipient's fate. */
export async function planSend(
  ctx: CoreContext,
  deps: SendingDeps & { accounts: SendingAccounts },
  accountId: string,
  request: SendRequest,
  internal: InternalSendOptions = {},
): Promise<SendPlan> {
  const sender = assertValidSender(request.sender)
  const options = checkRequestOptions(request, ctx.clock.now())
  const variables = checkVariables(request.variables)
  const templated = request.template !== undefined
  const body = templated
    ? await templateBody(ctx, accountId, request.template)
    : assertValidBody(request.body)
  const purpose = checkPurpose(request.purpose)
  const account = await deps.accounts.load(accountId)
  if (account.status === 'suspended')
    throw new DeskError(
      'AccountSuspended',
      'The account is suspended: nothing can be sent. Contact the provider.',
      {
        details: { accountId },
      },
    )
  // Refused before any recipient is looked at: a marketing send that needs an opt-out it cannot get stores nothing.
  const addition = internal.confirmation
    ? null
    : planOptOutAddition({
        body,
        purpose,
        settings: account.optOut,
        services: account.services,
        virtualNumber: account.virtualNumber,
        publicUrl: deps.publicUrl,
      })

  const inputs = [...(request.recipients ?? [])]
  if (request.groups && request.groups.length > 0) {
    const { numbers, missing } = await deps.membersOfGroups(accountId, request.groups)
    if (missing.length > 0)
      throw new DeskError('InvalidRequest', `Unknown contact group: ${missing.join(', ')}.`, {
        details: { field: 'groups', missing },
      })
    for (const n of numbers) inputs.push(n)
  }
  const resolved = resolveRecipients(inputs, deps.defaultCountry)
  if (resolved.length === 0)
    throw new DeskError('InvalidRequest', 'The groups have no members.', { details: { field: 'groups' } })
  if (resolved.length > MAX_RECIPIENTS)
    throw new DeskError('InvalidRequest', `At most ${MAX_RECIPIENTS} recipients per request.`, {
      details: { field: 'recipients', recipients: resolved.length },
    })

  const base = countSegments(body)
  // Every message to be sent has the same final body but for its token, which is always 24 one-septet characters.
  const finalBody = addition
    ? addition.mode === 'link'
      ? addition.prefix + SAMPLE_TOKEN + addition.suffix
      : addition.prefix
    : body
  const { encoding, segments } = addition ? countSegments(finalBody) : base
  const optOut: MessageOptOut = internal.confirmation ? 'confirmation' : (addition?.mode ?? null)
  const senderRejected = senderRefusal(sender, account, deps.requireRegisteredSenders === true)
  const policy = account.contentPolicy
  const bannedWord = policy(body)
  const valid = resolved.filter((r) => r.invalidReason === null).map((r) => r.recipient)
  const blocked =
    valid.length > 0 && !internal.confirmation ? await deps.blockedAmong(accountId, valid) : new Set<string>()
  const fill = templated ? await recipientFiller(ctx, accountId, body, variables, valid) : null

  const chargeable = { messages: 0, segments: 0, price: 0 }
  const own = priceListInForce(deps.prices, account.currency, account.priceList)
  const table: PriceTable = own ? { [account.currency.toUpperCase()]: own } : deps.prices
  const prices = new Map<string | null, SegmentPrice>()
  const priceOf = (country: string | null): SegmentPrice => {
    let price = prices.get(country)
    if (!price) {
      price = segmentPrice(table, account.currency, country)
      prices.set(country, price)
    }
    return price
  }
  const messages = resolved.map((r): PlannedMessage => {
    if (fill) {
      const filled = fill(r)
      const checks = { senderRejected, bannedWord: filled.ok ? policy(filled.body) : bannedWord }
      const verdict = judge(r, { ...checks, blocked, naCampaign: account.naCampaign })
      if (verdict) return rejected(r, verdict.code, verdict.detail, body, base.segments)
      if (!filled.ok) return rejected(r, 408, missingDetail(filled.missing), body, base.segments)
      const chars = [...filled.body].length
      if (chars > MAX_BODY_CHARS) return rejected(r, 408, tooLongDetail(chars), body, base.segments)
      const price = priceOf(r.country)
      if (!price.ok) return rejected(r, 406, price.reason, body, base.segments)
      const own = addition ? additionFor(addition, body, filled.body) : null
      const counted = countFilled(filled.body, own)
      const total = price.perSegment * counted.segments
      chargeable.messages++
      chargeable.segments += counted.segments
      chargeable.price += total
      return {
        ...r,
        code: null,
        detail: null,
        price: total,
        body: counted.body,
        segments: counted.segments,
        perSegment: price.perSegment,
        optOut,
        encoding: counted.encoding,
        addition: own,
      }
    }
    // Object literals of one fixed shape, not spreads: this runs 100,000 times for a large batch.
    const verdict = judge(r, { senderRejected, bannedWord, blocked, naCampaign: account.naCampaign })
    if (verdict) return rejected(r, verdict.code, verdict.detail, body, base.segments)
    const price = priceOf(r.country)
    if (!price.ok) return rejected(r, 406, price.reason, body, base.segments)
    const total = price.perSegment * segments
    chargeable.messages++
    chargeable.segments += segments
    chargeable.price += total
    return {
      input: r.input,
      recipient: r.recipient,
      country: r.country,
      invalidReason: r.invalidReason,
      code: null,
      detail: null,
      price: total,
      body: finalBody,
      segments,
      perSegment: price.perSegment,
      optOut,
    }
  })

  // A templated send's figures are those of its first message to be sent (each message keeps its own).
  const first = fill ? messages.find((m) => m.code === null) : undefined
  return {
    accountId,
    currency: account.currency,
    balance: account.balance,
    sender,
    body,
    encoding: first?.encoding ?? encoding,
    segments: first?.segments ?? segments,
    baseSegments: base.segments,
    purpose,
    addition,
    options,
    messages,
    chargeable,
  }
}

/** A message that will not be sent keeps the body as requested: no opt-out, no token made for it. */
function rejected(
  r: ResolvedRecipient,
  code: number,
  detail: string,
  body: string,
  segments: number,
): PlannedMessage {
  return {
    input: r.input,
    recipient: r.recipient,
    country: r.country,
    invalidReason: r.invalidReason,
    code,
    detail,
    price: 0,
    body,
    segments,
    perSegment: 0,
    optOut: null,
  }
}

function checkPurpose(purpose: unknown): SendPurpose {
  if (purpose === undefined || purpose === 'marketing') return 'marketing'
  if (purpose === 'transactional') return 'transactional'
  throw new DeskError('InvalidRequest', 'purpose must be marketing or transactional.', {
    details: { field: 'purpose' },
  })
}

const NA_CAMPAIGN_REQUIRED =
  'North American numbers (+1) need a registered campaign: book a North-America campaign through support before sending.'

function judge(
  r: ResolvedRecipient,
  checks: {
    senderRejected: string | null
    bannedWord: string | null
    blocked: Set<string>
    naCampaign: boolean
  },
): { code: number; detail: string } | null {
  if (r.invalidReason !== null) return { code: 409, detail: r.invalidReason }
  if (checks.senderRejected !== null) return { code: 403, detail: checks.senderRejected }
  if (checks.bannedWord !== null)
    return {
      code: 404,
      detail: `The body contains a word the account’s content policy bans: "${checks.bannedWord}".`,
    }
  if (checks.blocked.has(r.recipient))
    return { code: 405, detail: 'The number is on the account’s blocklist.' }
  if (r.recipient.startsWith('+1') && !checks.naCampaign) return { code: 406, detail: NA_CAMPAIGN_REQUIRED }
  return null
}

interface SendingAccount {
  status: 'active' | 'suspended'
  currency: string
  balance: number
  naCampaign: boolean
  /** The account's banned words, compiled: the first one a text contains, or null. */
  contentPolicy: ReturnType<typeof compileContentPolicy>
  /** Null follows the provider-wide default. */
  requireRegisteredSenders: boolean | null
  priceList: PriceList | null
  /** Each sender the account asked for, by `senderKey`, with the provider's decision. */
  senders: Map<string, { sender: string; status: SenderStatus; note: string | null }>
  optOut: OptOutSettings
  /** Which opt-out add-ons are on. */
  services: Record<OptOutService, boolean>
  /** The account's first virtual number (for STOP replies), or null. */
  virtualNumber: string | null
}

type SettingsRow = Selectable<OptOutSettingsTable>
/** The settings row's columns as the sending query reads them: all null when the account never saved settings. */
type SettingsColumns = { [K in keyof SettingsRow]: SettingsRow[K] | null }

/** Why the sender may not send, naming it and its state; null when it may. */
function senderRefusal(sender: string, account: SendingAccount, requiredByDefault: boolean): string | null {
  const known = account.senders.get(senderKey(sender))
  if (known?.status === 'approved') return null
  const required = account.requireRegisteredSenders ?? requiredByDefault
  if (known?.status === 'rejected')
    return `The sender "${sender}" was rejected by the provider${known.note ? `: ${known.note}` : ''}.`
  const approved = [...account.senders.values()].filter((s) => s.status === 'approved')
  if (required && known?.status === 'pending')
    return `The sender "${sender}" is waiting for the provider's approval.`
  if (required)
    return `The sender "${sender}" is not registered: the account may send only from approved senders; request it with PUT /api/v1/senders/${sender}.`
  if (approved.length > 0) return `The sender "${sender}" is not one of the account’s registered senders.`
  return null
}

/** The statement behind `loadSendingAccount` (exported for the test of its plan). */
export function sendingAccountQuery(accountId: string) {
  // Written as SQL, not built per call: this runs once per send.
  return sql<
    {
      status: 'active' | 'suspended'
      currency: string
      settings_version: number | string
      na_campaign: number
      na_campaign_until: string | null
      banned_words: string
      require_registered_senders: number | null
      price_list: string | null
      sender: string | null
      sender_status: SenderStatus | null
      sender_note: string | null
      virtual_number: string | null
      link_on: number | string
      reply_on: number | string
    } & SettingsColumns
  >`select a."status", a."currency", a."settings_version", a."na_campaign", a."na_campaign_until",
      a."banned_words", a."require_registered_senders", a."price_list", r."sender", r."status" as "sender_status",
      r."note" as "sender_note", s."account_id", s."mode", s."lang", s."link_text_sv", s."link_text_en",
      s."reply_text_sv", s."reply_text_en", s."required_for_marketing", s."confirmations", s."updated_at",
      (select min(v."number") from "virtual_numbers" as v where v."account_id" = a."id") as "virtual_number",
      (select count(*) from "opt_out_subscriptions" as o where o."account_id" = a."id" and o."service" = 'link'
        and o."cancelled_at" is null) as "link_on",
      (select count(*) from "opt_out_subscriptions" as o where o."account_id" = a."id" and o."service" = 'reply'
        and o."cancelled_at" is null) as "reply_on"
    from "accounts" as a left join "registered_senders" as r on r."account_id" = a."id"
      left join "opt_out_settings" as s on s."account_id" = a."id"
    where a."id" = ${accountId}`
}

/** Accounts whose sending settings a process keeps: far more than send at once; each entry is a few hundred bytes. */
const CACHED_ACCOUNTS = 10_000

/** An account's sending settings as last read, with the version they were read at. */
interface CachedAccount {
  version: string
  account: Omit<SendingAccount, 'balance' | 'naCampaign'>
  naCampaign: number
  naCampaignUntil: string | null
}

/** The sending part of accounts, for `planSend`. */
export interface SendingAccounts {
  /** The account as a send plans with it: balance read now, the rest current as of this call. */
  load(accountId: string): Promise<SendingAccount>
}

/**
 * Reads each send's account in one short statement: its balance and the version of its settings, which triggers
 * move whenever anything else the plan reads changes (migration 2026-12-11). While the version is the one read
 * before, the plan uses the settings read then; otherwise it reads them whole, with the version they belong to
 * (one statement, so the two agree). Whoever changed them, this process or another, the next send sees it.
 */
export function sendingAccounts(ctx: CoreContext): SendingAccounts {
  const cache = boundedMap<CachedAccount>(CACHED_ACCOUNTS)
  return {
    async load(accountId) {
      const { rows } = await accountHeadQuery(accountId).execute(ctx.db)
      const head = rows[0]
      if (!head) throw new DeskError('NotFound', 'No such account.', { details: { accountId } })
      let cached = cache.get(accountId)
      if (cached?.version !== String(head.settings_version)) {
        cached = await loadSendingAccount(ctx, accountId)
        cache.set(accountId, cached)
      }
      return {
        ...cached.account,
        balance: Number(head.balance),
        naCampaign: campaignInForce(cached.naCampaign, cached.naCampaignUntil, ctx.clock.now()),
      }
    },
  }
}

/** The statement each send reads its account with (exported for the test of its plan). */
export function accountHeadQuery(accountId: string) {
  return sql<{ balance: number | string; settings_version: number | string }>`select "balance",
    "settings_version" from "accounts" where "id" = ${accountId}`
}

/**
 * The account's sending settings, its registered senders, its opt-out settings and add-ons, in one query (a row per
 * sender, or one with null).
 */
async function loadSendingAccount(ctx: CoreContext, accountId: string): Promise<CachedAccount> {
  const { rows } = await sendingAccountQuery(accountId).execute(ctx.db)
  const row = rows[0]
  if (!row) throw new DeskError('NotFound', 'No such account.', { details: { accountId } })
  const senders: SendingAccount['senders'] = new Map()
  for (const r of rows)
    if (r.sender !== null && r.sender_status !== null)
      senders.set(senderKey(r.sender), { sender: r.sender, status: r.sender_status, note: r.sender_note })
  return {
    version: String(row.settings_version),
    naCampaign: Number(row.na_campaign),
    naCampaignUntil: row.na_campaign_until,
    account: {
      status: row.status,
      currency: row.currency,
      contentPolicy: compileContentPolicy(parseWords(row.banned_words)),
      requireRegisteredSenders:
        row.require_registered_senders === null ? null : Number(row.require_registered_senders) === 1,
      priceList: parsePriceList(row.price_list),
      senders,
      optOut: rowToSettings(row.account_id === null ? undefined : (row as SettingsRow)),
      services: { link: Number(row.link_on) > 0, reply: Number(row.reply_on) > 0 },
      virtualNumber: row.virtual_number,
    },
  }
}
