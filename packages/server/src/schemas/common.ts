/** Schemas every resource shares: money, errors, paging, and the responses every secured route may give. */
import { z } from '@hono/zod-openapi'

export const MoneySchema = z
  .object({
    amount: z.number().int().openapi({ description: 'Minor units (öre for SEK)', example: 3500 }),
    currency: z.string().openapi({ example: 'SEK' }),
  })
  .openapi('Money')

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'InvalidSender' }),
      message: z.string(),
      name: z
        .string()
        .optional()
        .openapi({ description: 'SMS status name, where one fits', example: 'InvalidSender' }),
      statusCode: z
        .number()
        .int()
        .optional()
        .openapi({ description: 'SMS status code, where one fits', example: 407 }),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error')

const errorContent = { 'application/json': { schema: ErrorSchema } }

export function errorResponse(description: string) {
  return { description, content: errorContent }
}

/** The failures any route behind an API key can answer with. */
export const securedErrors = {
  401: errorResponse('Missing, unknown or revoked API key'),
  403: errorResponse('The key’s role may not do this'),
  422: errorResponse('The request failed validation'),
  429: errorResponse('Rate limit for this API key exceeded; see Retry-After'),
} as const

export const bearer = [{ Bearer: [] }]

/** Cursors are ids the API handed out: anything else is a mistake worth saying so, not an empty page. */
export const CursorSchema = z
  .string()
  .regex(/^[\w.-]{1,200}$/, { error: 'must be a nextCursor value from a previous page' })
  .optional()
  .openapi({ description: 'nextCursor from the previous page' })

export const LimitSchema = z.coerce.number().int().min(1).max(500).optional().openapi({ example: 50 })

export const PageQuerySchema = z.object({ limit: LimitSchema, cursor: CursorSchema })

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .openapi({ description: 'Pass as `cursor` for the next page; null at the end' }),
    })
    .openapi(name)
}

export const IdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
})

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } }
}
