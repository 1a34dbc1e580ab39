/** `GET /api/docs`: Swagger UI from the installed `swagger-ui-dist` package — no CDN — under a CSP of our own. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'

const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

/** The files the page loads, each served from the package under a fixed name (nothing else is reachable). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

// Swagger UI sets style attributes as it renders; scripts come only from this origin, nothing is framed.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>smsdesk API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true })\n`

/** The docs page, its start-up script and the two Swagger UI files it needs. */
export function docsRoutes() {
  const app = new Hono()
  const cache = new Map<string, Uint8Array<ArrayBuffer>>()
  app.get('/api/docs', (c) => {
    c.header('Content-Security-Policy', CSP)
    c.header('Cache-Control', 'no-cache')
    return c.html(PAGE)
  })
  app.get('/api/docs/init.js', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
  })
  app.get('/api/docs/:file', async (c) => {
    const file = c.req.param('file')
    const type = ASSETS[file]
    if (!type)
      return c.json({ error: { code: 'NotFound', message: `No docs file "${file.slice(0, 100)}".` } }, 404)
    let body = cache.get(file)
    if (!body) {
      body = new Uint8Array(await readFile(join(SWAGGER_DIR, file)))
      cache.set(file, body)
    }
    // The package version is pinned, so a day's caching is safe; a new version comes with a restart anyway.
    c.header('Cache-Control', 'public, max-age=86400')
    c.header('X-Content-Type-Options', 'nosniff')
    return c.body(body, 200, { 'Content-Type': type })
  })
  return app
}
