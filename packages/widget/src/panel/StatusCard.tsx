/** The answer card for a query that is a status code or status name. */
import type { FaqStatusResult } from '@smsdesk/core/faq'
import type { PanelStrings } from './strings.ts'

export function StatusCard({ status, t }: { status: FaqStatusResult; t: PanelStrings }) {
  const headingId = `status-${status.code}`
  return (
    <article class={`card status group-${status.group.toLowerCase()}`} aria-labelledby={headingId}>
      <p class="eyebrow">{t.statusTitle}</p>
      <h3 id={headingId}>
        <span class="code">{status.code}</span> {status.name}
      </h3>
      {status.legacyName ? <p class="note">{t.legacyNote(status.legacyName)}</p> : null}
      <dl>
        <dt>{t.statusGroup}</dt>
        <dd>
          {status.group} · {status.final ? t.statusFinal : t.statusNotFinal}
        </dd>
        <dt>{t.statusMeaning}</dt>
        <dd>{status.meaning}</dd>
        <dt>{t.statusAction}</dt>
        <dd>{status.action}</dd>
      </dl>
    </article>
  )
}
