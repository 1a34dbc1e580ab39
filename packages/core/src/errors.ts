/** Errors that cross the core's boundary carry a stable `code`; expected per-message failures are statuses instead. */

export const ERROR_CODES = [
  'InvalidSender',
  'InvalidContent',
  'InvalidRequest',
  'NotFound',
  'Forbidden',
  'Unauthorized',
  'Conflict',
  'IdempotencyConflict',
  'NotCancelable',
  'InsufficientFunds',
  'AccountSuspended',
  'RateLimited',
  'Unavailable',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export class DeskError extends Error {
  override readonly name = 'DeskError'
  readonly code: ErrorCode
  /** The SMS status code this error matches, when one does (407 InvalidSender, 408 InvalidContent). */
  readonly statusCode: number | undefined
  readonly details: Record<string, unknown> | undefined

  constructor(
    code: ErrorCode,
    message: string,
    opts: { statusCode?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message)
    this.code = code
    this.statusCode = opts.statusCode
    this.details = opts.details
  }
}

export function isDeskError(err: unknown): err is DeskError {
  return err instanceof DeskError
}
