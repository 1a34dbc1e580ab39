/** Serves the help widget (mounted at `/`): the loader, its hashed chunks, its config API and a demo page. */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import {
  demoPageCsp,
  demoPageHtml,
  WIDGET_CHUNK_DIR,
  WIDGET_LOADER_FILE,
  widgetDistDir,
} from '@smsdesk/widget'
import { type Context, Hono } from 'hono'
import { cors } from 'hono/cors'
import { readStatic, type StaticFile } from '../http/precompressed.ts'

/** How customers reach support; shown in the widget's "Contact support" card. Unset fields are left out. */
export interface SupportContact {
  phone: string | null
  email: string | null
  /** Free text, e.g. "Mon–Fri 08–17". */
  hours: string | null
}

export interface WidgetRoutesOptions {
  support: SupportContact
  /** Whether the widget offers "Ask support" (SUPPORT_ENABLED). */
  chat?: boolean
  /** Where the built widget is; defaults to `@smsdesk/widget`'s `dist/`. */
  distDir?: string
  /** Public base URL used in the demo page's snippets; defaults to the request's origin. */
  publicUrl?: string
}

const CHUNK_FILE = /^[\w-]{1,100}\.js$/
const IMMUTABLE = 'public, max-age=31536000, immutable'
// The loader's URL never changes, so it must not be cached for long; ETag makes revalidation cheap.
const SHORT = 'public, max-age=300'

function notFound(c: Context, message: string): Response {
  return c.json({ error: { code: 'NotFound', message } }, 404)
}

function scriptResponse(c: Context, file: StaticFile, cacheControl: string, etag?: string): Response {
  // Any site may embed the widget: the chunks are fetched by `import()`, which is a CORS request.
  c.header('Access-Control-Allow-Origin', '*')
  c.header('Cross-Origin-Resource-Policy', 'cross-origin')
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Cache-Control', cacheControl)
  if (etag) c.header('ETag', etag)
  c.header('Content-Type', 'text/javascript; charset=utf-8')
  // Precompressed at build time; the compress middleware leaves a response with a Content-Encoding alone.
  c.header('Vary', 'Accept-Encoding')
  if (file.encoding !== 'identity') c.header('Content-Encoding', file.encoding)
  return c.body(new Uint8Array(file.body))
}

/** The widget routes; `support` feeds `GET /api/v1/widget/config`. */
export function widgetRoutes(options: WidgetRoutesOptions): Hono {
  const distDir = options.distDir ?? widgetDistDir
  const config = { support: { ...options.support }, chat: options.chat === true }
  const app = new Hono()

  app.get(`/${WIDGET_LOADER_FILE}`, async (c) => {
    const file = await readStatic(join(distDir, WIDGET_LOADER_FILE), c.req.header('Accept-Encoding'))
    if (!file) {
      return c.json(
        {
          error: {
            code: 'Unavailable',
            message: 'The widget has not been built. Run `npm run build -w @smsdesk/widget`.',
          },
        },
        503,
      )
    }
    // One ETag per representation: a cache must not answer a gzip client with a brotli body.
    const hash = createHash('sha256').update(file.body).digest('base64url').slice(0, 22)
    const etag = `"${hash}${file.encoding === 'identity' ? '' : `-${file.encoding}`}"`
    if (c.req.header('If-None-Match') === etag) {
      c.header('ETag', etag)
      c.header('Cache-Control', SHORT)
      c.header('Vary', 'Accept-Encoding')
      return c.body(null, 304)
    }
    return scriptResponse(c, file, SHORT, etag)
  })

  app.get(`/${WIDGET_CHUNK_DIR}/:file`, async (c) => {
    const file = c.req.param('file')
    const found = CHUNK_FILE.test(file)
      ? await readStatic(join(distDir, WIDGET_CHUNK_DIR, file), c.req.header('Accept-Encoding'))
      : null
    if (!found)
      return notFound(c, `No widget file "${file.slice(0, 100)}". The loader may be newer than this server.`)
    return scriptResponse(c, found, IMMUTABLE)
  })

  app.use('/api/v1/widget/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86_400 }))
  app.get('/api/v1/widget/config', (c) => {
    c.header('Cache-Control', SHORT)
    return c.json(config)
  })

  app.get('/', (c) => {
    const lang = c.req.query('lang') === 'en' ? 'en' : 'sv'
    const origin = (options.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '')
    c.header('Content-Security-Policy', demoPageCsp())
    c.header('Cache-Control', 'no-cache')
    return c.html(demoPageHtml(origin, lang))
  })
  // Browsers ask every site for one; an empty answer keeps a 404 out of the demo page's console.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }))

  return app
}
