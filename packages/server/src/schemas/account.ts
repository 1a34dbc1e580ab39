/** Schemas for the account, its balance and ledger, users and API keys. */
import { z } from '@hono/zod-openapi'
import type { Account, ApiKeyInfo, LedgerEntry, User } from '@smsdesk/core'
import { MoneySchema } from './common.ts'

export const AccountSchema = z
  .object({
    id: z.string(),
    customerNumber: z.string().openapi({ description: 'Quote it to support and in the webshop' }),
    name: z.string(),
    status: z.enum(['active', 'suspended']).openapi({ description: 'A suspended account cannot send' }),
    currency: z.string(),
    balance: MoneySchema,
    virtualNumbers: z.array(z.string()).openapi({ description: 'Numbers that receive inbound SMS' }),
    registeredSenders: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi('Account')

export const BalanceSchema = z.object({ balance: MoneySchema }).openapi('Balance')

export const LedgerEntrySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['top_up', 'charge', 'refund', 'adjustment']),
    amount: MoneySchema,
    balanceAfter: MoneySchema,
    batchId: z.string().nullable(),
    messageId: z.string().nullable(),
    note: z.string().nullable(),
    reference: z.string().nullable().openapi({ description: 'The credit’s reference (a webshop order id)' }),
    createdAt: z.string(),
  })
  .openapi('LedgerEntry')

export const RoleSchema = z.enum(['admin', 'sender', 'viewer']).openapi('Role')

export const UserSchema = z
  .object({ id: z.string(), name: z.string(), role: RoleSchema, createdAt: z.string() })
  .openapi('User')

export const NewUserBodySchema = z
  .strictObject({ name: z.string().trim().min(1).max(100), role: RoleSchema })
  .openapi('NewUser')

export const ApiKeySchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    prefix: z.string().openapi({ description: 'The first characters, to recognise the key by' }),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiKey')

export const IssuedKeySchema = z
  .object({ key: z.string().openapi({ description: 'Shown once; store it now' }), info: ApiKeySchema })
  .openapi('IssuedApiKey')

export function accountJson(a: Account): z.infer<typeof AccountSchema> {
  return {
    id: a.id,
    customerNumber: a.customerNumber,
    name: a.name,
    status: a.status,
    currency: a.currency,
    balance: a.balance,
    virtualNumbers: a.virtualNumbers,
    registeredSenders: a.registeredSenders,
    createdAt: a.createdAt.toISOString(),
  }
}

export function ledgerJson(e: LedgerEntry): z.infer<typeof LedgerEntrySchema> {
  return {
    id: e.id,
    kind: e.kind,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    batchId: e.batchId,
    messageId: e.messageId,
    note: e.note,
    reference: e.reference,
    createdAt: e.createdAt.toISOString(),
  }
}

export function userJson(u: User): z.infer<typeof UserSchema> {
  return { id: u.id, name: u.name, role: u.role, createdAt: u.createdAt.toISOString() }
}

export function apiKeyJson(k: ApiKeyInfo): z.infer<typeof ApiKeySchema> {
  return {
    id: k.id,
    userId: k.userId,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  }
}
