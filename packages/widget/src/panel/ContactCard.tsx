/** The "Contact support" card, filled from the server's `/api/v1/widget/config`. */
import type { SupportContactInfo } from './api.ts'
import type { PanelStrings } from './strings.ts'

export function ContactCard({
  contact,
  t,
  onAskSupport,
}: {
  contact: SupportContactInfo | 'failed' | null
  t: PanelStrings
  onAskSupport(): void
}) {
  return (
    <section class="card contact" aria-labelledby="contact-title">
      <h3 id="contact-title">{t.contactTitle}</h3>
      {contact === 'failed' ? <p>{t.contactMissing}</p> : null}
      {contact === null ? <p>{t.loading}</p> : null}
      {contact && contact !== 'failed' ? (
        <dl>
          {contact.phone ? (
            <>
              <dt>{t.contactPhone}</dt>
              <dd>
                <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
              </dd>
            </>
          ) : null}
          {contact.email ? (
            <>
              <dt>{t.contactEmail}</dt>
              <dd>
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </dd>
            </>
          ) : null}
          {contact.hours ? (
            <>
              <dt>{t.contactHours}</dt>
              <dd>{contact.hours}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {contact && contact !== 'failed' && contact.chat ? (
        <button type="button" class="primary ask-support" onClick={onAskSupport}>
          {t.askSupport}
        </button>
      ) : null}
    </section>
  )
}
