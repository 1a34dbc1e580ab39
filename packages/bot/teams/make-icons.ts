/**
 * Draws the Teams app icons (a speech bubble with "SMS" dots) as PNGs, without an image library:
 * `color.png` 192×192 on the brand colour, `outline.png` 32×32 white on transparent, as Teams asks.
 * Run: `npx tsx packages/bot/teams/make-icons.ts`.
 */

import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

type Rgba = [number, number, number, number]

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  const rows: Buffer[] = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5), 1 + x * 4)
    rows.push(row)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Inside a rounded bubble with a tail at the lower left; coordinates in 0..1. */
function inBubble(u: number, v: number, inset = 0): boolean {
  const [l, t, r, b, radius] = [0.14 + inset, 0.18 + inset, 0.86 - inset, 0.7 - inset, 0.14]
  const cx = Math.min(Math.max(u, l + radius), r - radius)
  const cy = Math.min(Math.max(v, t + radius), b - radius)
  const inBody = u >= l && u <= r && v >= t && v <= b && (u - cx) ** 2 + (v - cy) ** 2 <= radius ** 2
  // The tail: a triangle from the bottom edge down to the lower left.
  const inTail = inset === 0 && v > b - 0.01 && v < 0.86 && u > 0.26 && u < 0.44 - (v - b) * 1.1
  return inBody || inTail
}

function isDot(u: number, v: number): boolean {
  return [0.34, 0.5, 0.66].some((dx) => (u - dx) ** 2 + (v - 0.44) ** 2 <= 0.055 ** 2)
}

const BRAND: Rgba = [31, 78, 121, 255]
const WHITE: Rgba = [255, 255, 255, 255]
const CLEAR: Rgba = [0, 0, 0, 0]

const color = png(192, (x, y) => {
  const [u, v] = [x / 192, y / 192]
  if (inBubble(u, v)) return isDot(u, v) ? BRAND : WHITE
  return BRAND
})

const outline = png(32, (x, y) => {
  const [u, v] = [x / 32, y / 32]
  // A 2-pixel stroke: inside the bubble but not inside the inset bubble.
  return inBubble(u, v) && !inBubble(u, v, 2 / 32) ? WHITE : CLEAR
})

const dir = new URL('./', import.meta.url)
writeFileSync(new URL('color.png', dir), color)
writeFileSync(new URL('outline.png', dir), outline)
console.log('wrote color.png (192×192) and outline.png (32×32)')
