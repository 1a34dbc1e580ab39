// packages/widget/src/index.ts
import { fileURLToPath } from "node:url";

// packages/widget/src/csp.ts
function widgetCspDirectives(origin) {
  return { "script-src": origin, "connect-src": origin };
}

// packages/widget/src/demo-page.ts
import { createHash } from "node:crypto";
var CSS = `body{margin:0;font:16px/1.55 system-ui,sans-serif;color:#1f1f1f;background:#f7f8fa}
main{max-width:760px;margin:0 auto;padding:32px 20px 120px}h1{font-size:28px;margin:0 0 8px}
pre{background:#fff;border:1px solid #d0d4da;border-radius:8px;padding:12px;overflow:auto;font-size:14px}
code{font-family:ui-monospace,Menlo,Consolas,monospace}a{color:#0b57d0}
@media (prefers-color-scheme:dark){body{background:#131314;color:#e3e3e3}pre{background:#1e1f20;border-color:#444}a{color:#a8c7fa}}`;
var STYLE_HASH = `'sha256-${createHash("sha256").update(CSS).digest("base64")}'`;
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
function demoPageCsp() {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    `style-src ${STYLE_HASH}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join("; ");
}
function demoPageHtml(origin, lang) {
  const o = escapeHtml(origin);
  const other = lang === "sv" ? { lang: "en", label: "Show the widget in English" } : { lang: "sv", label: "Visa widgeten p\xE5 svenska" };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>smsdesk help widget \u2013 demo</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>smsdesk help widget</h1>
<p>The <strong>${lang === "sv" ? "Hj\xE4lp" : "Help"}</strong> button in the corner is the widget, running on this page under a strict
Content-Security-Policy. Open it and search for \u201Cforgot password\u201D, \u201Ctop up\u201D or a status code such as 404.
<a href="/?lang=${other.lang}">${other.label}</a>.</p>
<h2>Add it to your site</h2>
<p>Paste one tag anywhere in the page. It loads asynchronously and draws only the button until someone uses it.</p>
<pre><code>&lt;script src="${o}/widget.js" async&gt;&lt;/script&gt;</code></pre>
<p>Options, as attributes on the tag: <code>data-lang="sv"</code> or <code>"en"</code> (default: the page\u2019s
<code>lang</code>, else Swedish) and <code>data-position="right"</code> or <code>"left"</code>.</p>
<h2>Control it from your code</h2>
<pre><code>window.SmsDesk = window.SmsDesk || []   // safe before the script has loaded
SmsDesk.push(['search', '404'])          // queued, then replayed on load
// after load: SmsDesk.open(), SmsDesk.close(), SmsDesk.search('gl\xF6mt l\xF6senord')</code></pre>
<h2>Content-Security-Policy</h2>
<p>Allow the widget\u2019s origin for scripts and requests. No <code>'unsafe-inline'</code>, no <code>'unsafe-eval'</code>:</p>
<pre><code>script-src ${o}; connect-src ${o}</code></pre>
</main>
<script src="/widget.js" data-lang="${lang}" async></script>
</body>
</html>
`;
}

// packages/widget/src/index.ts
var widgetDistDir = fileURLToPath(new URL("../dist/", import.meta.url));
var WIDGET_LOADER_FILE = "widget.js";
var WIDGET_CHUNK_DIR = "widget";
export {
  WIDGET_CHUNK_DIR,
  WIDGET_LOADER_FILE,
  demoPageCsp,
  demoPageHtml,
  widgetCspDirectives,
  widgetDistDir
};
//# sourceMappingURL=index.js.map
