/** Counts how many SMS parts a body needs: GSM-7 septets (160 / 153 per part) or UCS-2 code units (70 / 67). Browser-safe. */

export type SegmentEncoding = 'GSM-7' | 'UCS-2'

export interface SegmentCount {
  encoding: SegmentEncoding
  /** Parts the body is sent as; an empty body still takes one (empty) part. */
  segments: number
  /** GSM-7 septets (extension characters count two) or UTF-16 code units. */
  units: number
}

/** One SMS carries 140 octets; a part of a longer message gives 6 of them to the concatenation header. */
export const SEGMENT_LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const

// GSM 03.38 default alphabet (basic table) and the characters reached through the extension table's escape.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const GSM_EXTENSION = '\f^{}\\[~]|€'

// Septets per UTF-16 code unit: 0 = not in GSM-7. A flat array keeps the hot loop free of hashing.
const SEPTETS = new Uint8Array(0x20ad)
for (const ch of GSM_BASIC) SEPTETS[ch.charCodeAt(0)] = 1
for (const ch of GSM_EXTENSION) SEPTETS[ch.charCodeAt(0)] = 2

function septetsOf(code: number): number {
  return code < SEPTETS.length ? (SEPTETS[code] as number) : 0
}

/** Encoding, parts and units for a message body, counted the way the network does. */
export function countSegments(body: string): SegmentCount {
  const septets = gsmSeptets(body)
  if (septets >= 0) {
    const segments = septets <= SEGMENT_LIMITS['GSM-7'].single ? 1 : gsmParts(body)
    return { encoding: 'GSM-7', segments, units: septets }
  }
  const units = body.length
  const segments = units <= SEGMENT_LIMITS['UCS-2'].single ? 1 : ucs2Parts(body)
  return { encoding: 'UCS-2', segments, units }
}

/** The distinct characters that force a body into UCS-2, in order of first appearance. */
export function nonGsmCharacters(body: string): string[] {
  const seen = new Set<string>()
  for (const ch of body) if (ch.length > 1 || septetsOf(ch.charCodeAt(0)) === 0) seen.add(ch)
  return [...seen]
}

/** Total septets, or -1 as soon as a character has no GSM-7 form. */
function gsmSeptets(body: string): number {
  let total = 0
  for (let i = 0; i < body.length; i++) {
    const s = septetsOf(body.charCodeAt(i))
    if (s === 0) return -1
    total += s
  }
  return total
}

// An escape and its character must travel in the same part, so a part may end one septet short.
function gsmParts(body: string): number {
  const size = SEGMENT_LIMITS['GSM-7'].part
  let parts = 1
  let used = 0
  for (let i = 0; i < body.length; i++) {
    const s = septetsOf(body.charCodeAt(i))
    if (used + s > size) {
      parts++
      used = 0
    }
    used += s
  }
  return parts
}

// A surrogate pair (an emoji, say) is one character to the phone: splitting it would garble both parts.
function ucs2Parts(body: string): number {
  const size = SEGMENT_LIMITS['UCS-2'].part
  let parts = 1
  let used = 0
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i)
    const next = body.charCodeAt(i + 1)
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff
    const width = pair ? 2 : 1
    if (used + width > size) {
      parts++
      used = 0
    }
    used += width
    if (pair) i++
  }
  return parts
}
