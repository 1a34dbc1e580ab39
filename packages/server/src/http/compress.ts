/**
 * Compresses text responses of 1 KiB or more (brotli or gzip, as the client accepts). Hono's own `compress`
 * cannot tell the size of a `c.json` body, so it would compress every tiny answer; this one measures first.
 */
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress'
import { acceptedEncodings } from './precompressed.ts'

const THRESHOLD = 1024
const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** The middleware; responses that already carry a Content-Encoding (precompressed files) pass untouched. */
export function compressText(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    // A client that takes no encoding is answered before `res.body` is asked for: on the Node adapter that turns
    // the lightweight response into a full web Response with a stream to read back (about half of a bare route's server time).
    const encoding = acceptedEncodings(c.req.header('Accept-Encoding'))[0]!
    if (encoding === 'identity' || c.req.method === 'HEAD') return
    const res = c.res
    const type = res.headers.get('Content-Type')
    if (
      !type ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      type.startsWith('text/event-stream') ||
      res.headers.has('Content-Encoding') ||
      /\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '') ||
      !res.body
    )
      return
    const length = Number(res.headers.get('Content-Length') ?? Number.NaN)
    if (length < THRESHOLD) return
    const body = Buffer.from(await res.arrayBuffer())
    const headers = new Headers(res.headers)
    headers.append('Vary', 'Accept-Encoding')
    if (body.length < THRESHOLD) {
      c.res = new Response(body, { status: res.status, headers })
      return
    }
    // Quality 5 brotli is about as fast as gzip's default and still smaller; the best is kept for build time.
    const packed =
      encoding === 'br'
        ? await brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : await gzipAsync(body)
    headers.set('Content-Encoding', encoding)
    headers.delete('Content-Length')
    c.res = new Response(new Uint8Array(packed), { status: res.status, headers })
  }
}
