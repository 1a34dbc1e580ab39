/** Short, prefixed, time-ordered ids: sortable by creation, safe to show in chat. */
import { randomFillSync } from 'node:crypto'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/** `n` (a safe integer ≥ 0) as `length` base-32 digits, most significant first. */
function encode(n: number, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) {
    out = ALPHABET[n % 32] + out
    n = Math.floor(n / 32)
  }
  return out
}

/** Random words drawn from the system's CSPRNG a page at a time: one call per 1,024 ids, not one per id. */
const pool = new Uint32Array(1024)
let poolAt = pool.length

function randomWord(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool)
    poolAt = 0
  }
  return pool[poolAt++] as number
}

let lastMs = 0
let seq = 0

/** `newId('msg')` → `msg_0k2x7c9q1v3w8z4h`: 9 chars of millisecond time, 2 of sequence, 5 random. */
export function newId(prefix: string, nowMs: number = Date.now()): string {
  if (nowMs === lastMs) seq = (seq + 1) % 1024
  else {
    lastMs = nowMs
    seq = 0
  }
  return `${prefix}_${encode(nowMs, 9)}${encode(seq, 2)}${encode(randomWord() % 32 ** 5, 5)}`
}
