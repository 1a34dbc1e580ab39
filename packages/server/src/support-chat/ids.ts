/** Ids shaped like the core's, for the honeypot's pretend answers (nothing is stored under them). */
import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

export function newId(prefix: string): string {
  const bytes = randomBytes(16)
  let out = ''
  for (const b of bytes) out += ALPHABET[b % 32]
  return `${prefix}_${out}`
}
