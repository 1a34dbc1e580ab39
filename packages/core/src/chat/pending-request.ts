/** A SendRequest as JSON for the confirmation table, with its Date (sendAt) brought back on the way out. */
import type { SendRequest } from '../desk.ts'

export function serializePendingRequest(request: SendRequest): string {
  return JSON.stringify(request)
}

export function parsePendingRequest(json: string): SendRequest {
  const parsed = JSON.parse(json) as Omit<SendRequest, 'sendAt'> & { sendAt?: string }
  const { sendAt, ...rest } = parsed
  return sendAt === undefined ? rest : { ...rest, sendAt: new Date(sendAt) }
}
