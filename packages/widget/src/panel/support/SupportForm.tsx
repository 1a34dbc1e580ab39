/** The "Ask support" form: question, name, how to reach you, consent, and a honeypot people never see. */
import { useState } from 'preact/hooks'
import type { WidgetLang } from '../../contract.ts'
import { type Availability, type SupportApi, SupportError } from './api.ts'
import { SUPPORT_STRINGS } from './strings.ts'

export interface SupportFormProps {
  api: SupportApi
  lang: WidgetLang
  availability: Availability | null
  recentSearches: string[]
  onStarted(token: string): void
}

function whenText(iso: string, lang: WidgetLang): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
}

export function SupportForm({ api, lang, availability, recentSearches, onStarted }: SupportFormProps) {
  const s = SUPPORT_STRINGS[lang]
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? ''
    if (value('email').trim() === '' && value('mobile').trim() === '') {
      setError(s.contactNeeded)
      return
    }
    setBusy(true)
    setError('')
    try {
      const token = await api.start({
        question: value('question'),
        name: value('name'),
        email: value('email'),
        mobile: value('mobile'),
        customerNumber: value('customerNumber'),
        smsConsent: (form.elements.namedItem('smsConsent') as HTMLInputElement).checked,
        website: value('website'),
        lang,
        page: location.href.slice(0, 500),
        recentSearches,
      })
      onStarted(token)
    } catch (err) {
      const code = err instanceof SupportError ? err.code : ''
      setError(code === 'InvalidContent' ? s.htmlRefused : code === 'RateLimited' ? s.tooMany : s.failed)
    } finally {
      setBusy(false)
    }
  }
  const closed = availability && !availability.open
  return (
    <form class="support-form" onSubmit={submit} aria-describedby="support-storage">
      {closed ? (
        <p class="note">
          {availability.nextOpen ? s.closedUntil(whenText(availability.nextOpen, lang)) : s.closed}
        </p>
      ) : null}
      <label for="sup-question">{s.question}</label>
      <textarea id="sup-question" name="question" required maxLength={2000} rows={4} />
      <label for="sup-name">{s.name}</label>
      <input id="sup-name" name="name" required maxLength={100} autocomplete="name" />
      <label for="sup-email">{s.email}</label>
      <input id="sup-email" name="email" type="email" maxLength={254} autocomplete="email" />
      <label for="sup-mobile">{s.mobile}</label>
      <input id="sup-mobile" name="mobile" type="tel" maxLength={40} autocomplete="tel" />
      <label class="check">
        <input type="checkbox" name="smsConsent" /> {s.smsConsent}
      </label>
      <label for="sup-customer">
        {s.customerNumber} {s.optional}
      </label>
      <input id="sup-customer" name="customerNumber" maxLength={20} />
      {/* A honeypot: hidden from people and screen readers, filled only by bots. */}
      <div class="hp" aria-hidden="true">
        <label for="sup-website">Website</label>
        <input id="sup-website" name="website" tabIndex={-1} autocomplete="off" />
      </div>
      <p id="support-storage" class="hint">
        {s.storage(availability?.retentionDays ?? 90)}
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? s.sending : s.send}
      </button>
    </form>
  )
}
