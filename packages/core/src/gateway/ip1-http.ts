/** HTTP plumbing for the iP1 adapter: authorised JSON calls with a timeout, and reading every page of a collection. */

export interface Ip1Http {
  baseUrl: string
  headers: Record<string, string>
  timeoutMs: number
  /** Removes the API key from text that may echo what we sent. */
  scrub(text: string): string
}

/** Documents per page when we read a collection (iP1 defaults to 50). */
export const PAGE_LIMIT = 200
/** Per page for a batch's messages: one page for a whole hand-over of up to a thousand (an assumed maximum). */
export const MESSAGES_PAGE_LIMIT = 1_000
/** The most pages one read follows: a bound on a misbehaving Link header, far past any real account. */
const MAX_PAGES = 1_000

/** One authorised call; answers the status and the body's text. Network errors and timeouts throw. */
export async function call(
  http: Ip1Http,
  method: 'GET' | 'POST' | 'PUT',
  pathOrUrl: string,
  body?: unknown,
): Promise<{ status: number; ok: boolean; text: string; link: string | null }> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${http.baseUrl}${pathOrUrl}`
  const response = await fetch(url, {
    method,
    headers: http.headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(http.timeoutMs),
  })
  const text = await response.text()
  return { status: response.status, ok: response.ok, text, link: response.headers.get('link') }
}

/**
 * Every document of a paged collection (`start`, `limit`, `order`; the `Link` header's rel="next" when given,
 * else the next `start` while pages come back full). `visit` may answer `false` to stop early.
 */
export async function readAllPages(
  http: Ip1Http,
  path: string,
  visit: (items: Record<string, unknown>[]) => boolean | undefined,
  order: 'ASC' | 'DESC' = 'ASC',
  limit = PAGE_LIMIT,
): Promise<void> {
  let next: string | null = `${path}?start=0&limit=${limit}&order=${order}`
  let start = 0
  for (let page = 0; next !== null && page < MAX_PAGES; page++) {
    const answer = await call(http, 'GET', next)
    if (!answer.ok) throw new Error(`iP1 ${path} failed: HTTP ${answer.status} ${http.scrub(answer.text)}`)
    const items = documents(answer.text, path)
    if (visit(items) === false) return
    start += items.length
    // With a Link header, its rel="next" alone says whether there is more; without one, a full page does.
    if (answer.link) next = nextLink(answer.link, http.baseUrl)
    else next = items.length >= limit ? `${path}?start=${start}&limit=${limit}&order=${order}` : null
  }
}

/** The rel="next" target of a Link header, made absolute; null when there is none. */
export function nextLink(header: string | null, baseUrl: string): string | null {
  if (!header) return null
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;.*rel="?next"?/i.exec(part)
    if (match?.[1]) return new URL(match[1], `${baseUrl}/`).toString()
  }
  return null
}

/** A JSON array of documents (or an object holding one under `items`, `batches`, `data`). */
export function documents(text: string, what: string): Record<string, unknown>[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new Error(`iP1 ${what} was not JSON`)
  }
  const list = Array.isArray(body)
    ? body
    : ['items', 'batches', 'messages', 'data']
        .map((key) => (body as Record<string, unknown> | null)?.[key])
        .find((v) => Array.isArray(v))
  if (!Array.isArray(list)) throw new Error(`iP1 ${what} had no array of documents`)
  return list.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null)
}

/** A string field, or null. */
export function text(doc: Record<string, unknown> | undefined, key: string): string | null {
  const value = doc?.[key]
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' && value !== '' ? value : null
}
