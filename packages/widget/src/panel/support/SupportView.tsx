/** The support chunk: the form, then the conversation, live over the event stream (polling as a fallback). */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { WidgetLang } from '../../contract.ts'
import { type Availability, type ChatMessage, createSupportApi, SupportError, storedToken } from './api.ts'
import { SupportForm } from './SupportForm.tsx'
import { SUPPORT_STRINGS } from './strings.ts'

const POLL_MS = 6_000

export interface SupportViewProps {
  apiBase: string
  lang: WidgetLang
  recentSearches: string[]
  onBack(): void
  backLabel: string
}

export function SupportView({ apiBase, lang, recentSearches, onBack, backLabel }: SupportViewProps) {
  const s = SUPPORT_STRINGS[lang]
  const api = useRef(createSupportApi(apiBase)).current
  const [token, setToken] = useState<string | null>(storedToken)
  const [availability, setAvailability] = useState<Availability | null>(null)
  const [unavailable, setUnavailable] = useState(false)
  const [messages, setMessages] = useState<ChatMessage[]>([])
  const [status, setStatus] = useState<'open' | 'resolved'>('open')
  const [announce, setAnnounce] = useState('')
  const [removed, setRemoved] = useState(false)
  const seen = useRef(new Set<string>())

  const merge = (incoming: ChatMessage[], live: boolean) => {
    const fresh = incoming.filter((m) => !seen.current.has(m.id))
    if (fresh.length === 0) return
    for (const m of fresh) seen.current.add(m.id)
    setMessages((now) => [...now, ...fresh].sort((a, b) => (a.id < b.id ? -1 : 1)))
    const reply = live ? fresh.filter((m) => m.author === 'staff').at(-1) : undefined
    if (reply) setAnnounce(`${s.newReply(reply.staffName ?? '')}: ${reply.text}`)
  }

  useEffect(() => {
    api.availability().then(setAvailability, () => setUnavailable(true))
  }, [])

  useEffect(() => {
    if (!token) return
    const abort = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const refresh = async (live: boolean) => {
      try {
        const view = await api.conversation(token)
        setStatus(view.status)
        merge(view.messages, live)
      } catch (err) {
        // The conversation is gone (deleted, or past its retention): start afresh.
        if (err instanceof SupportError && err.status === 404) {
          api.forget()
          setToken(null)
          abort.abort()
        }
      }
    }
    const poll = () => {
      timer = setTimeout(async () => {
        await refresh(true)
        if (!abort.signal.aborted) poll()
      }, POLL_MS)
    }
    let first = true
    const follow = async () => {
      try {
        // Once the stream is open, catch up on what came before it (silently the first time: not news).
        await api.follow(
          token,
          abort.signal,
          (m) => merge([m], true),
          () => {
            refresh(!first)
            first = false
          },
        )
        // The server ends a stream after a while: follow again (it catches up once open).
        if (!abort.signal.aborted) follow()
      } catch {
        if (abort.signal.aborted) return
        // No stream (a proxy that buffers, a closed connection): poll, no faster than every few seconds.
        await refresh(!first)
        first = false
        poll()
      }
    }
    follow()
    return () => {
      abort.abort()
      clearTimeout(timer)
    }
  }, [token])

  const add = async (event: Event) => {
    event.preventDefault()
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('text') as HTMLTextAreaElement
    if (!token || field.value.trim() === '') return
    const sent = await api.add(token, field.value).catch(() => null)
    if (sent) {
      field.value = ''
      merge([sent], false)
      setStatus('open')
    }
  }
  const remove = async () => {
    if (!token) return
    await api.remove(token).catch(() => api.forget())
    seen.current.clear()
    setMessages([])
    setToken(null)
    setRemoved(true)
  }

  return (
    <section class="support" aria-labelledby="support-title">
      <button type="button" class="link-button" onClick={onBack}>
        {backLabel}
      </button>
      <h3 id="support-title">{token ? s.conversation : s.title}</h3>
      {removed ? <p>{s.removed}</p> : null}
      {unavailable ? <p>{s.unavailable}</p> : null}
      {!token && !unavailable ? (
        <SupportForm
          api={api}
          lang={lang}
          availability={availability}
          recentSearches={recentSearches}
          onStarted={(t) => {
            setRemoved(false)
            setToken(t)
          }}
        />
      ) : null}
      {token ? (
        <>
          <ol class="chat" aria-label={s.conversation}>
            {messages.map((m) => (
              <li key={m.id} class={`msg ${m.author}`}>
                <span class="who">{m.author === 'staff' ? s.staff(m.staffName ?? '') : s.you}</span>
                <p>{m.text}</p>
              </li>
            ))}
          </ol>
          {status === 'resolved' ? <p class="note">{s.resolved}</p> : null}
          <form class="support-form" onSubmit={add}>
            <label for="sup-more">{s.write}</label>
            <textarea id="sup-more" name="text" maxLength={2000} rows={2} />
            <button type="submit" class="primary">
              {s.add}
            </button>
          </form>
          <button type="button" class="link-button" onClick={remove}>
            {s.remove}
          </button>
        </>
      ) : null}
      <p class="live" role="status" aria-live="polite">
        {announce}
      </p>
    </section>
  )
}
