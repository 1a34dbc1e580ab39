/** Idempotency keys: the same key with the same request is a retry; with a different request it is a mistake. */
import { createHash } from 'node:crypto'
import type { SendRequest } from '../desk.ts'

/** SHA-256 of the parts of a request that decide what is sent (not who asked or through which channel). */
export function requestHash(request: SendRequest): string {
  const canonical = JSON.stringify([
    request.sender,
    request.recipients ?? [],
    request.groups ?? [],
    request.body,
    request.sendAt instanceof Date ? request.sendAt.toISOString() : (request.sendAt ?? null),
    request.validityHours ?? null,
    request.reference ?? null,
    request.statusCallbackUrl ?? null,
    // Appended only when it changes what is sent, so the hashes of earlier requests stay as they were.
    ...(request.purpose === 'transactional' ? ['transactional'] : []),
    // A templated send is another request for every different template or variable.
    ...(request.template !== undefined
      ? [{ template: request.template, variables: sortedVariables(request) }]
      : []),
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/** The variables with their names in order, so `{a, b}` and `{b, a}` hash alike. */
function sortedVariables(request: SendRequest): [string, unknown][] {
  return Object.entries(request.variables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}
