/** Schemas for contacts, groups and the blocklist. */
import { z } from '@hono/zod-openapi'
import type { BlockEntry, Contact, Group } from '@smsdesk/core'
import { CursorSchema, LimitSchema } from './common.ts'

const name = z.string().trim().max(100).nullable()

export const ContactSchema = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: '+46701234567' }),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    groups: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Contact')

export const NewContactBodySchema = z
  .strictObject({
    number: z.string().min(1).max(64).openapi({ example: '070-123 45 67' }),
    firstName: name.optional(),
    lastName: name.optional(),
    email: z.email().max(200).nullable().optional(),
    groups: z
      .array(z.string().trim().min(1).max(100))
      .max(50)
      .optional()
      .openapi({ description: 'Created on first use' }),
  })
  .openapi('NewContact')

export const ContactPatchBodySchema = NewContactBodySchema.partial().openapi('ContactPatch')

export const ContactQuerySchema = z.object({
  search: z.string().max(100).optional(),
  group: z.string().max(100).optional(),
  limit: LimitSchema,
  cursor: CursorSchema,
})

export const GroupSchema = z
  .object({ id: z.string(), name: z.string(), members: z.number().int(), createdAt: z.string() })
  .openapi('Group')

export const BlockEntrySchema = z
  .object({
    number: z.string(),
    reason: z.enum(['manual', 'stop', 'opt_out_link']),
    createdAt: z.string(),
  })
  .openapi('BlockEntry')

export const NumberParamSchema = z.object({
  number: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'number', in: 'path' }, example: '+46701234567' }),
})

export function contactJson(c: Contact): z.infer<typeof ContactSchema> {
  return {
    id: c.id,
    number: c.number,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    groups: c.groups,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }
}

export function groupJson(g: Group): z.infer<typeof GroupSchema> {
  return { id: g.id, name: g.name, members: g.members, createdAt: g.createdAt.toISOString() }
}

export function blockJson(b: BlockEntry): z.infer<typeof BlockEntrySchema> {
  return { number: b.number, reason: b.reason, createdAt: b.createdAt.toISOString() }
}
