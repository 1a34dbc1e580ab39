/** The opt-out pages, in Swedish and English: plain HTML, one stylesheet pinned by hash, no scripts at all. */
import { escapeHtml, htmlDocument, pinnedStyleSrc } from './document.ts'

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#f6f7f9;color:#1b1f24}
main{max-width:34rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.5rem 1.75rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.35rem;margin:0 0 1rem}
section+section{border-top:1px solid #e3e6ea;margin-top:1.25rem;padding-top:1.25rem}
h2{font-size:1.05rem;margin:0 0 .5rem}
button{font:inherit;font-weight:600;padding:.7rem 1.3rem;border:0;border-radius:8px;background:#b3261e;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
.done{color:#1e6b34}
@media (prefers-color-scheme:dark){body{background:#111418;color:#e8eaed}main{background:#1c2026;box-shadow:none}section+section{border-color:#333a43}.done{color:#7fd89a}}
`.trim()

/** The Content-Security-Policy for these pages: nothing runs, only this exact stylesheet applies. */
export const OPT_OUT_CSP = [
  "default-src 'none'",
  pinnedStyleSrc(STYLE),
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

function page(title: string, body: string): string {
  return htmlDocument({ lang: 'sv', title, style: STYLE, body, noindex: true })
}

export interface OptOutSubject {
  accountName: string
  maskedNumber: string
}

/** Asks the person to confirm; nothing has changed yet. */
export function confirmPage({ accountName, maskedNumber }: OptOutSubject): string {
  const who = escapeHtml(accountName)
  const number = escapeHtml(maskedNumber)
  return page(
    'Avregistrera SMS – Unsubscribe from SMS',
    `<h1>Avregistrera SMS <span lang="en">/ Unsubscribe from SMS</span></h1>
<section>
<h2>Svenska</h2>
<p>Vill du inte längre få SMS från <strong>${who}</strong> till numret <strong>${number}</strong>? Bekräfta med knappen nedan, så spärras numret för fler utskick.</p>
</section>
<section lang="en">
<h2>English</h2>
<p>Would you rather not get text messages from <strong>${who}</strong> on <strong>${number}</strong>? Confirm with the button below and the number is blocked from further messages.</p>
</section>
<section>
<form method="post">
<button type="submit">Avregistrera mig <span lang="en">/ Unsubscribe me</span></button>
</form>
</section>`,
  )
}

/** Shown after confirming, and for a link already used: the number is blocked. */
export function donePage({ accountName, maskedNumber }: OptOutSubject, alreadyDone: boolean): string {
  const who = escapeHtml(accountName)
  const number = escapeHtml(maskedNumber)
  const sv = alreadyDone
    ? `Numret <strong>${number}</strong> är redan avregistrerat. Du får inga fler SMS från <strong>${who}</strong>.`
    : `Klart! Numret <strong>${number}</strong> är nu avregistrerat och får inga fler SMS från <strong>${who}</strong>.`
  const en = alreadyDone
    ? `The number <strong>${number}</strong> was already unsubscribed. You will get no more text messages from <strong>${who}</strong>.`
    : `Done! The number <strong>${number}</strong> is unsubscribed and will get no more text messages from <strong>${who}</strong>.`
  return page(
    'Avregistrerad – Unsubscribed',
    `<h1 class="done">Avregistrerad <span lang="en">/ Unsubscribed</span></h1>
<section role="status">
<p>${sv}</p>
<p lang="en">${en}</p>
</section>`,
  )
}

/** For a token nobody issued (mistyped, or cut short by the phone). */
export function unknownLinkPage(): string {
  return page(
    'Länken fungerar inte – Link not valid',
    `<h1>Länken fungerar inte <span lang="en">/ This link does not work</span></h1>
<section>
<p>Vi hittar ingen avregistrering för den här länken. Kontrollera att hela länken från SMS:et kom med, eller svara STOP på SMS:et om avsändaren har ett svarsnummer.</p>
</section>
<section lang="en">
<p>We found no unsubscribe request for this link. Check that the whole link from the text message was copied, or reply STOP to the message if the sender has a reply number.</p>
</section>`,
  )
}
