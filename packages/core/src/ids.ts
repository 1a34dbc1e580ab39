/** Short, prefixed, time-ordered ids: sortable by creation, safe to show in chat. */
import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

function encode(n: bigint, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(n % 32n)] + out
    n /= 32n
  }
  return out
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
  const rand = randomBytes(4).readUInt32BE(0) % 32 ** 5
  return `${prefix}_${encode(BigInt(nowMs), 9)}${encode(BigInt(seq), 2)}${encode(BigInt(rand), 5)}`
}
