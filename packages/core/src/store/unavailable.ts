/** Recognises a database that cannot serve right now (busy, full, connection lost). */
import { DeskError } from '../errors.ts'

/** SQLite result codes and PostgreSQL SQLSTATEs (classes 08 and 57, 53300) of a database that is, for now, unavailable. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|PROTOCOL)/
const PG_UNAVAILABLE = /^(08|57P0|53300|53100)/
const NETWORK = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN)$/
const TERMINATED =
  /Connection terminated|terminating connection|Client has encountered a connection error|timeout exceeded when trying to connect/i

/**
 * The stable `Unavailable` DeskError for an error that means the database cannot serve this operation now —
 * nothing of it was kept (its transaction rolled back) and it can be tried again — or null for any other error.
 */
export function databaseUnavailable(err: unknown): DeskError | null {
  if (!(err instanceof Error)) return null
  const code = String((err as { code?: unknown }).code ?? '')
  let reason: string | null = null
  if (SQLITE_UNAVAILABLE.test(code))
    reason = code.startsWith('SQLITE_FULL') ? 'the database disk is full' : 'the database is busy'
  else if (PG_UNAVAILABLE.test(code) || NETWORK.test(code) || TERMINATED.test(err.message))
    reason = 'the database connection was lost'
  if (reason === null) return null
  return new DeskError('Unavailable', `Nothing was changed: ${reason}. Try again in a moment.`, {
    details: { database: code || 'connection' },
  })
}
