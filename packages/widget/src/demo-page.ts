/** The demo page the server shows at `/`: the widget embedded under a strict CSP, and how to add it. */
import { createHash } from 'node:crypto'
import type { WidgetLang } from './contract.ts'

const CSS = `body{margin:0;font:16px/1.55 system-ui,sans-serif;color:#1f1f1f;background:#f7f8fa}
main{max-width:760px;margin:0 auto;padding:32px 20px 120px}h1{font-size:28px;margin:0 0 8px}
pre{background:#fff;border:1px solid #d0d4da;border-radius:8px;padding:12px;overflow:auto;font-size:14px}
code{font-family:ui-monospace,Menlo,Consolas,monospace}a{color:#0b57d0}
@media (prefers-color-scheme:dark){body{background:#131314;color:#e3e3e3}pre{background:#1e1f20;border-color:#444}a{color:#a8c7fa}}`

/** `'sha256-…'` of the page's only inline style, so the page itself can keep `style-src` free of 'unsafe-inline'. */
const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS).digest('base64')}'`

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** The strict CSP the demo page is served with: it proves the widget needs nothing looser. */
export function demoPageCsp(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    `style-src ${STYLE_HASH}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The demo page HTML; `origin` is where the widget is served from (used in the copy-paste snippets). */
export function demoPageHtml(origin: string, lang: WidgetLang): string {
  const o = escapeHtml(origin)
  const other =
    lang === 'sv'
      ? { lang: 'en', label: 'Show the widget in English' }
      : { lang: 'sv', label: 'Visa widgeten på svenska' }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>smsdesk help widget – demo</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>smsdesk help widget</h1>
<p>The <strong>${lang === 'sv' ? 'Hjälp' : 'Help'}</strong> button in the corner is the widget, running on this page under a strict
Content-Security-Policy. Open it and search for “forgot password”, “top up” or a status code such as 404.
<a href="/?lang=${other.lang}">${other.label}</a>.</p>
<h2>Add it to your site</h2>
<p>Paste one tag anywhere in the page. It loads asynchronously and draws only the button until someone uses it.</p>
<pre><code>&lt;script src="${o}/widget.js" async&gt;&lt;/script&gt;</code></pre>
<p>Options, as attributes on the tag: <code>data-lang="sv"</code> or <code>"en"</code> (default: the page’s
<code>lang</code>, else Swedish) and <code>data-position="right"</code> or <code>"left"</code>.</p>
<h2>Control it from your code</h2>
<pre><code>window.SmsDesk = window.SmsDesk || []   // safe before the script has loaded
SmsDesk.push(['search', '404'])          // queued, then replayed on load
// after load: SmsDesk.open(), SmsDesk.close(), SmsDesk.search('glömt lösenord')</code></pre>
<h2>Content-Security-Policy</h2>
<p>Allow the widget’s origin for scripts and requests. No <code>'unsafe-inline'</code>, no <code>'unsafe-eval'</code>:</p>
<pre><code>script-src ${o}; connect-src ${o}</code></pre>
</main>
<script src="/widget.js" data-lang="${lang}" async></script>
</body>
</html>
`
}
