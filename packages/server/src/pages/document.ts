/** The shell of the server's own HTML pages (opt-out, help): one stylesheet pinned by its hash, no scripts. */
import { createHash } from 'node:crypto'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** The CSP `style-src` that lets exactly this stylesheet apply. */
export function pinnedStyleSrc(style: string): string {
  return `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`
}

/** A whole page around `body` (already safe HTML); `noindex` keeps it out of search engines. */
export function htmlDocument(page: {
  lang: string
  title: string
  style: string
  body: string
  noindex?: boolean
}): string {
  const robots = page.noindex ? '<meta name="robots" content="noindex">\n' : ''
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${robots}<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
<main>
${page.body}
</main>
</body>
</html>
`
}
