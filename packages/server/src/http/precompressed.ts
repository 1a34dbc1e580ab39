/** Picks the precompressed variant (`.br`, `.gz`, written by `npm run build`) of a static file that a client accepts. */
import { readFile } from 'node:fs/promises'

export type StaticEncoding = 'br' | 'gzip' | 'identity'

export interface StaticFile {
  body: Buffer
  encoding: StaticEncoding
}

const SUFFIX: Record<Exclude<StaticEncoding, 'identity'>, string> = { br: '.br', gzip: '.gz' }

/** The encodings `accept` (an Accept-Encoding header) allows, best first: br, gzip, then none. */
export function acceptedEncodings(accept: string | undefined): StaticEncoding[] {
  const offered = new Map<string, number>()
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (name) offered.set(name, q ? Number(q.slice(2)) || 0 : 1)
  }
  const allows = (enc: string) => (offered.get(enc) ?? offered.get('*') ?? 0) > 0
  return [...(['br', 'gzip'] as const).filter(allows), 'identity']
}

/** The file in the best accepted encoding that exists on disk, or null when the file itself does not. */
export async function readStatic(path: string, accept: string | undefined): Promise<StaticFile | null> {
  for (const encoding of acceptedEncodings(accept)) {
    const body = await readOptional(encoding === 'identity' ? path : `${path}${SUFFIX[encoding]}`)
    if (body) return { body, encoding }
  }
  return null
}

async function readOptional(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}
