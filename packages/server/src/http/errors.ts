/**
 * Every error leaves the server as `{ error: { code, message, … } }` with one stable `code`. Domain errors
 * are mapped to HTTP statuses here, once; anything unexpected becomes a generic 500 and its detail goes to the log.
 */
import { databaseUnavailable, type ErrorCode, isDeskError } from '@smsdesk/core'
import { statusByCode } from '@smsdesk/core/status'
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from 'pino'
import type { ZodError } from 'zod'
import type { AppEnv } from './env.ts'
import { safePath } from './safe-path.ts'

export interface ErrorBody {
  error: {
    /** Stable, machine-readable: a core error code or one of the HTTP-level codes below. */
    code: string
    message: string
    /** The SMS status name when one fits (InvalidSender, InvalidContent). */
    name?: string
    /** The SMS status code when one fits (407, 408). */
    statusCode?: number
    /** Every field problem, for validation errors. */
    issues?: { path: string; message: string }[]
    requestId?: string
  }
}

const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  InvalidSender: 422,
  InvalidContent: 422,
  InvalidRequest: 422,
  NotFound: 404,
  Forbidden: 403,
  Unauthorized: 401,
  Conflict: 409,
  IdempotencyConflict: 409,
  NotCancelable: 409,
  InsufficientFunds: 402,
  AccountSuspended: 403,
  RateLimited: 429,
  Unavailable: 503,
}

/** HTTP-level failures that never reach the core. */
const HTTP_CODES: Partial<Record<number, string>> = {
  400: 'MalformedRequest',
  401: 'Unauthorized',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
}

export function errorJson(
  c: Context,
  status: ContentfulStatusCode,
  error: ErrorBody['error'],
  headers?: Record<string, string>,
): Response {
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="smsdesk"')
  for (const [k, v] of Object.entries(headers ?? {})) c.header(k, v)
  return c.json({ error } satisfies ErrorBody, status)
}

/** The one `app.onError`: domain errors by code, Hono's own by status, the rest as a logged 500. */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (isDeskError(err)) {
      const status = HTTP_STATUS[err.code] ?? 422
      const name = err.statusCode !== undefined ? statusNameFor(err.statusCode) : undefined
      return errorJson(c, status, {
        code: err.code,
        message: err.message,
        ...(name ? { name, statusCode: err.statusCode } : {}),
      })
    }
    // A busy, full or unreachable database: nothing was written, and the client may try again.
    const unavailable = databaseUnavailable(err)
    if (unavailable) {
      logger.warn({ reqId: c.get('requestId'), err }, 'request failed: the database is unavailable')
      return errorJson(
        c,
        503,
        { code: unavailable.code, message: unavailable.message },
        { 'Retry-After': '1' },
      )
    }
    if (err instanceof HTTPException && err.status < 500) {
      const code = HTTP_CODES[err.status] ?? 'BadRequest'
      return errorJson(c, err.status, { code, message: httpMessage(err) })
    }
    const requestId = c.get('requestId')
    logger.error(
      { reqId: requestId, err, method: c.req.method, path: safePath(c.req.path) },
      'request failed',
    )
    return errorJson(c, 500, {
      code: 'InternalError',
      message:
        'Something went wrong on our side. It has been logged; quote the request id if you contact support.',
      requestId,
    })
  }
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  errorJson(c, 404, {
    code: 'NotFound',
    message: `No such endpoint: ${c.req.method} ${safePath(c.req.path)}. The API is described at /api/v1/openapi.json.`,
  })

/** For zod-openapi's `defaultHook`: a failed validation becomes a 422 naming every field at fault. */
export function validationFailed(
  c: Context,
  error: ZodError,
  target: string,
  statusFor?: (field: string) => { code: string; name: string; statusCode: number } | undefined,
): Response {
  const issues = error.issues.map((i) => ({ path: issuePath(target, i.path), message: i.message }))
  const first = error.issues[0]
  const field = String(first?.path[0] ?? '')
  const special = target === 'json' ? statusFor?.(field) : undefined
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
  return errorJson(c, 422, {
    code: special?.code ?? 'InvalidRequest',
    message: summary.slice(0, 1000),
    ...(special ? { name: special.name, statusCode: special.statusCode } : {}),
    issues,
  })
}

function issuePath(target: string, path: PropertyKey[]): string {
  const inner = path.map(String).join('.')
  if (target === 'json') return inner
  return inner ? `${target}.${inner}` : target
}

function httpMessage(err: HTTPException): string {
  switch (err.status) {
    case 400:
      return err.message.includes('JSON')
        ? 'The request body is not valid JSON.'
        : err.message || 'The request could not be read.'
    case 413:
      return 'The request body is too large.'
    case 415:
      return 'Send the body as JSON with the header Content-Type: application/json.'
    default:
      return err.message || 'The request could not be handled.'
  }
}

function statusNameFor(code: number): string | undefined {
  return statusByCode(code)?.name
}
