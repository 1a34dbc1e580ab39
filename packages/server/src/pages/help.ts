/** A help article as its own page: the safe HTML generated from its Markdown, one pinned stylesheet, no scripts. */

import type { FaqArticle, FaqLang } from '@smsdesk/core/faq'
import { escapeHtml, htmlDocument, pinnedStyleSrc } from './document.ts'

const STYLE = `
body{font:16px/1.6 system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#f6f7f9;color:#1b1f24}
main{max-width:42rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.5rem 1.75rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
a{color:#0b57d0}
a:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
code,pre{font-family:ui-monospace,monospace;background:#eef0f3;border-radius:4px;padding:.1rem .3rem}
pre{padding:.75rem;overflow-x:auto}
nav{margin-top:2rem;font-size:.95rem}
@media (prefers-color-scheme:dark){body{background:#111418;color:#e8eaed}main{background:#1c2026;box-shadow:none}a{color:#8ab4f8}code,pre{background:#2a2f37}}
`.trim()

/** Nothing runs; only this exact stylesheet applies; images only from here (none are used today). */
export const HELP_CSP = [
  "default-src 'none'",
  pinnedStyleSrc(STYLE),
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const TEXTS: Record<FaqLang, { other: Record<FaqLang, string>; notFound: string; notFoundText: string }> = {
  sv: {
    other: { sv: 'Läs på svenska', en: 'Read in English' },
    notFound: 'Artikeln finns inte',
    notFoundText: 'Vi hittar ingen hjälpartikel på den adressen.',
  },
  en: {
    other: { sv: 'Läs på svenska', en: 'Read in English' },
    notFound: 'No such article',
    notFoundText: 'There is no help article at this address.',
  },
}

function page(lang: FaqLang, title: string, body: string): string {
  return htmlDocument({ lang, title, style: STYLE, body })
}

/** The article; `article.html` is already safe (raw HTML in the Markdown is escaped when it is generated). */
export function helpPage(article: FaqArticle): string {
  const links = article.translations
    .map((tr) => {
      const topic = tr.id.replace(/\.(sv|en)$/, '')
      return `<a href="/help/${tr.lang}/${encodeURIComponent(topic)}" hreflang="${tr.lang}" lang="${tr.lang}">${escapeHtml(TEXTS[article.lang].other[tr.lang])}</a>`
    })
    .join(' · ')
  return page(
    article.lang,
    article.title,
    `<article>
<h1>${escapeHtml(article.title)}</h1>
${article.html}
</article>${links ? `\n<nav>${links}</nav>` : ''}`,
  )
}

export function helpNotFoundPage(lang: FaqLang): string {
  const t = TEXTS[lang]
  return page(lang, t.notFound, `<h1>${escapeHtml(t.notFound)}</h1>\n<p>${escapeHtml(t.notFoundText)}</p>`)
}
