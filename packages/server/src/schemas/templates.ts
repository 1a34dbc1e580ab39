/** Schemas for saved message templates. */
import { z } from '@hono/zod-openapi'
import type { Template } from '@smsdesk/core'

export const TemplateSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: 'booking' }),
    body: z.string().openapi({ example: 'Hej {firstName|vän}! Din tid är {date}.' }),
    placeholders: z.array(z.string()).openapi({ example: ['firstName', 'date'] }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Template')

export const TemplateNameParamSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'booking' }),
})

export const TemplateBodySchema = z
  .strictObject({
    body: z.string().min(1).max(2000).openapi({
      description:
        '{firstName}, {lastName}, {email}, {number} come from the contact; other names from a send’s variables; {name|default} declares a default',
      example: 'Hej {firstName|vän}! Din tid är {date}.',
    }),
  })
  .openapi('TemplateInput')

export function templateJson(t: Template) {
  return {
    id: t.id,
    name: t.name,
    body: t.body,
    placeholders: t.placeholders,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }
}
