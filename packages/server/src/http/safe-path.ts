/** Masks every credential a request path can carry, so paths can be logged, echoed and used as metric labels. */

/** Key-shaped segments: API keys, opt-out tokens, Standard Webhooks secrets, in any case. */
const KEY_SHAPED = /^(smsd|smso|whsec)_/i
/** Words of the webhook routes themselves; any other segment under `/webhooks/` may be a secret. */
const WEBHOOK_WORDS = new Set(['webhooks', 'ip1', 'delivery-reports', 'inbound'])
const MASK = '***'

/**
 * The path with credentials replaced by `***`: the opt-out token in `/u/<token>`, every unknown segment under
 * `/webhooks/` (the shared secret, however the path is shaped), and any segment that looks like a key.
 */
export function safePath(path: string): string {
  const segments = path.slice(0, 2000).split('/')
  const webhook = segments[1]?.toLowerCase() === 'webhooks'
  const optOut = segments[1] === 'u'
  const masked = segments.map((segment, i) => {
    if (segment === '') return segment
    if (optOut && i >= 2) return MASK
    if (webhook && !WEBHOOK_WORDS.has(segment.toLowerCase())) return MASK
    return KEY_SHAPED.test(decodeSafely(segment)) ? MASK : segment
  })
  return masked.join('/').slice(0, 300)
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
