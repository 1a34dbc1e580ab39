/** Ids for a batch's messages: one time-ordered base per batch plus the message's position, so they sort in send order. */
import { newId } from '../ids.ts'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
/** Four base-32 digits: room for 1,048,576 messages per batch (the limit is 100,000). */
const INDEX_DIGITS = 4

/**
 * `count` unique ids sharing one `newId` base. Calling `newId` per message would overflow its per-millisecond
 * sequence on a 100,000-message batch and lose both order and uniqueness guarantees.
 */
export function messageIds(count: number, nowMs: number): string[] {
  const base = newId('msg', nowMs)
  const ids: string[] = new Array(count)
  for (let i = 0; i < count; i++) {
    let suffix = ''
    let n = i
    for (let d = 0; d < INDEX_DIGITS; d++) {
      suffix = ALPHABET[n % 32] + suffix
      n = Math.floor(n / 32)
    }
    ids[i] = base + suffix
  }
  return ids
}
