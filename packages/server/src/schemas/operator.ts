/** Schemas for the operator API: accounts as the provider sees them, credits, prices, senders, messages and audit. */
import { z } from '@hono/zod-openapi'
import type {
  Account,
  AuditEntry,
  CreditResult,
  OperatorInbound,
  OperatorMessage,
  PriceListInForce,
  SenderRegistration,
} from '@smsdesk/core'
import { LedgerEntrySchema, ledgerJson } from './account.ts'
import { MoneySchema } from './common.ts'
import { MessageDetailSchema, messageDetailJson } from './messages.ts'

const minor = z.number().int().min(0).max(1_000_000_00)

export const PriceListSchema = z
  .strictObject({
    countries: z
      .record(z.string().regex(/^[A-Za-z]{2}$/), minor)
      .openapi({ description: 'Minor units per segment by ISO-2 country', example: { SE: 45, NO: 55 } }),
    default: minor.optional().openapi({ description: 'For countries not listed' }),
  })
  .openapi('PriceList')

export const OperatorAccountSchema = z
  .object({
    id: z.string(),
    customerNumber: z.string(),
    name: z.string(),
    status: z.enum(['active', 'suspended']),
    currency: z.string(),
    balance: MoneySchema,
    naCampaign: z.boolean(),
    naCampaignUntil: z.string().nullable(),
    bannedWords: z.array(z.string()),
    registeredSenders: z.array(z.string()).openapi({ description: 'Approved senders' }),
    requireRegisteredSenders: z.boolean(),
    priceList: PriceListSchema.nullable().openapi({
      description: 'The account’s own prices; null: the provider’s',
    }),
    virtualNumbers: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi('OperatorAccount')

export const NewAccountBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    customerNumber: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/)
      .optional()
      .openapi({ description: 'Generated when absent', example: '100042' }),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/)
      .optional()
      .openapi({ example: 'SEK' }),
    priceList: PriceListSchema.optional(),
  })
  .openapi('NewAccount')

export const AccountPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    status: z.enum(['active', 'suspended']).optional(),
    bannedWords: z.array(z.string().max(100)).max(500).optional(),
    priceList: PriceListSchema.nullable()
      .optional()
      .openapi({ description: 'null: back to the provider’s list' }),
    requireRegisteredSenders: z
      .boolean()
      .nullable()
      .optional()
      .openapi({ description: 'null: back to the provider-wide default' }),
  })
  .openapi('AccountChanges')

export const CreditBodySchema = z
  .strictObject({
    amount: z
      .number()
      .int()
      .min(-1_000_000_000_00)
      .max(1_000_000_000_00)
      .refine((n) => n !== 0, { error: 'must not be zero' })
      .openapi({ description: 'Minor units; negative for an adjustment down', example: 50000 }),
    reference: z.string().trim().min(1).max(100).openapi({
      description: 'The webshop order id: the same reference books once',
      example: 'order-10042',
    }),
    note: z.string().max(200).optional(),
  })
  .openapi('Credit')

export const CreditResultSchema = z
  .object({
    entry: LedgerEntrySchema,
    balance: MoneySchema,
    replayed: z
      .boolean()
      .openapi({ description: 'True when the reference was booked before; nothing new happened' }),
  })
  .openapi('CreditResult')

export const PriceListInForceSchema = z
  .object({
    currency: z.string(),
    source: z.enum(['account', 'provider']),
    countries: z.record(z.string(), z.number().int()),
    default: z.number().int().optional(),
  })
  .openapi('PriceListInForce')

export const SenderSchema = z
  .object({
    sender: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    note: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('Sender')

export const SenderDecisionSchema = z
  .strictObject({ status: z.enum(['approved', 'rejected']), note: z.string().max(500).optional() })
  .openapi('SenderDecision')

export const CampaignBodySchema = z
  .strictObject({
    until: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Open-ended when absent' }),
  })
  .openapi('NorthAmericaCampaign')

const AccountRefSchema = z
  .object({ id: z.string(), name: z.string(), customerNumber: z.string() })
  .openapi('AccountRef')

export const OperatorMessageSchema = MessageDetailSchema.extend({ account: AccountRefSchema }).openapi(
  'OperatorMessage',
)

export const InboundSchema = z
  .object({
    id: z.string(),
    account: AccountRefSchema.nullable().openapi({ description: 'null: sent to a number no account owns' }),
    from: z.string(),
    to: z.string(),
    body: z.string(),
    keyword: z.string().nullable(),
    receivedAt: z.string(),
  })
  .openapi('OperatorInbound')

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    operatorId: z.string(),
    operatorName: z.string(),
    action: z.string(),
    accountId: z.string().nullable(),
    target: z.string().nullable(),
    via: z.enum(['api', 'slack', 'teams', 'cli']),
    origin: z.string().nullable(),
    outcome: z.number().int().nullable(),
    at: z.string(),
  })
  .openapi('AuditEntry')

export function operatorAccountJson(a: Account): z.infer<typeof OperatorAccountSchema> {
  return {
    id: a.id,
    customerNumber: a.customerNumber,
    name: a.name,
    status: a.status,
    currency: a.currency,
    balance: a.balance,
    naCampaign: a.naCampaign,
    naCampaignUntil: a.naCampaignUntil?.toISOString() ?? null,
    bannedWords: a.bannedWords,
    registeredSenders: a.registeredSenders,
    requireRegisteredSenders: a.requireRegisteredSenders,
    priceList: a.priceList ? { ...a.priceList, countries: { ...a.priceList.countries } } : null,
    virtualNumbers: a.virtualNumbers,
    createdAt: a.createdAt.toISOString(),
  }
}

export function creditJson(r: CreditResult): z.infer<typeof CreditResultSchema> {
  return { entry: ledgerJson(r.entry), balance: r.balance, replayed: r.replayed }
}

export function priceListJson(p: PriceListInForce): z.infer<typeof PriceListInForceSchema> {
  return {
    currency: p.currency,
    source: p.source,
    countries: { ...p.countries },
    ...(p.default !== undefined ? { default: p.default } : {}),
  }
}

export function senderJson(s: SenderRegistration): z.infer<typeof SenderSchema> {
  return { sender: s.sender, status: s.status, note: s.note, updatedAt: s.updatedAt?.toISOString() ?? null }
}

export function operatorMessageJson(m: OperatorMessage): z.infer<typeof OperatorMessageSchema> {
  return { ...messageDetailJson(m), account: m.account }
}

export function inboundJson(i: OperatorInbound): z.infer<typeof InboundSchema> {
  return {
    id: i.id,
    account: i.account,
    from: i.from,
    to: i.to,
    body: i.body,
    keyword: i.keyword,
    receivedAt: i.receivedAt.toISOString(),
  }
}

export function auditJson(e: AuditEntry): z.infer<typeof AuditEntrySchema> {
  return { ...e, at: e.at.toISOString() }
}
