/** The help panel: a non-modal dialog with FAQ search, article view, status answers and the support contact. */
import type { FaqArticle, FaqArticleSummary, FaqSearchResult } from '@smsdesk/core/faq'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { PanelControls, PanelHost } from '../contract.ts'
import { ArticleView } from './ArticleView.tsx'
import type { PanelApi, SupportContactInfo } from './api.ts'
import { ContactCard } from './ContactCard.tsx'
import { SearchView } from './SearchView.tsx'
import { STRINGS } from './strings.ts'
import type { SupportViewProps } from './support/SupportView.tsx'
import { hasStoredConversation } from './support/token-key.ts'

const DEBOUNCE_MS = 180
/** A query left unchanged this long after its results showed, without opening one, is reported as settled. */
const SETTLED_MS = 2500

type View =
  | { kind: 'search' }
  | { kind: 'article'; article: FaqArticle | 'loading' | 'failed'; from: string }
  | { kind: 'support' }

type SupportChunk = (props: SupportViewProps) => preact.JSX.Element
/** The chat is a chunk of its own, fetched only when someone opens the support form. */
const loadSupport = (): Promise<SupportChunk> =>
  import('./support/SupportView.tsx').then((m) => m.SupportView)

export interface PanelProps {
  host: PanelHost
  api: PanelApi
  /** Filled in on every render so the loader's `SmsDesk.open()` and friends reach the current state. */
  controls: { current: PanelControls | null }
}

export function Panel({ host, api, controls }: PanelProps) {
  const t = STRINGS[host.lang]
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<FaqSearchResult[] | null>(null)
  const [announce, setAnnounce] = useState('')
  const [view, setView] = useState<View>({ kind: 'search' })
  const [browse, setBrowse] = useState<FaqArticleSummary[] | null>(null)
  const [contact, setContact] = useState<SupportContactInfo | 'failed' | null>(null)
  const [SupportView, setSupportView] = useState<SupportChunk | null>(null)
  const searches = useRef<string[]>([])
  const input = useRef<HTMLInputElement>(null)
  const dialog = useRef<HTMLDivElement>(null)
  const refocus = useRef<string | null>(null)
  const openRef = useRef(open)
  const reported = useRef(new Set<string>())
  openRef.current = open

  const close = () => {
    const hadFocus = host.root.activeElement !== null
    openRef.current = false
    setOpen(false)
    host.onClosed()
    if (hadFocus) host.launcher.focus()
  }
  const showSearch = (text: string) => {
    setView({ kind: 'search' })
    setQuery(text)
    openRef.current = true
    setOpen(true)
  }
  controls.current = {
    open: () => {
      openRef.current = true
      setOpen(true)
    },
    close,
    search: showSearch,
    isOpen: () => openRef.current,
  }

  // First open: fetch the article list and the support contact once.
  useEffect(() => {
    if (!open || contact !== null) return
    api.config().then(
      (found) => {
        setContact(found)
        // A conversation from an earlier visit opens again where it was.
        if (found.chat && hasStoredConversation()) askSupport()
      },
      () => setContact('failed'),
    )
    api.articles(host.lang).then(setBrowse, () => setBrowse([]))
  }, [open])

  useEffect(() => {
    if (open && view.kind === 'search') input.current?.focus()
  }, [open])

  useEffect(() => {
    const text = query.trim()
    if (text === '') {
      setResults(null)
      setAnnounce('')
      return
    }
    const abort = new AbortController()
    let settled: ReturnType<typeof setTimeout> | undefined
    const timer = setTimeout(() => {
      api.search(text, host.lang, abort.signal).then(
        (found) => {
          searches.current = [...searches.current.filter((q) => q !== text), text].slice(-10)
          setResults(found)
          setAnnounce(found.length > 0 ? t.results(found.length) : t.noResults)
          settled = setTimeout(() => {
            // Opening a result answered it: only a search left standing is worth a look.
            if (reported.current.has(text)) return
            reported.current.add(text)
            api.miss(text, host.lang)
          }, SETTLED_MS)
        },
        () => {
          if (!abort.signal.aborted) setAnnounce(t.searchFailed)
        },
      )
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      clearTimeout(settled)
      abort.abort()
    }
  }, [query])

  // New results can reorder the list, and moving a focused button drops its focus: put it back.
  const focusedResult = (host.root.activeElement as HTMLElement | null)?.dataset?.id
  useLayoutEffect(() => {
    if (!focusedResult) return
    const target = dialog.current?.querySelector<HTMLElement>(`[data-id="${focusedResult}"]`)
    if (target && host.root.activeElement !== target) target.focus()
  }, [results])

  // Coming back from an article: focus the result that opened it, so the keyboard user keeps their place.
  useEffect(() => {
    if (view.kind !== 'search' || refocus.current === null) return
    const target = dialog.current?.querySelector<HTMLElement>(`[data-id="${refocus.current}"]`)
    ;(target ?? input.current)?.focus()
    refocus.current = null
  }, [view])

  const openArticle = (id: string) => {
    reported.current.add(query.trim())
    const from = view.kind === 'article' ? view.from : id
    setView({ kind: 'article', article: 'loading', from })
    api.article(id).then(
      (article) => setView({ kind: 'article', article, from }),
      () => setView({ kind: 'article', article: 'failed', from }),
    )
  }
  const askSupport = () => {
    setView({ kind: 'support' })
    loadSupport().then(
      (chunk) => setSupportView(() => chunk),
      () => setView({ kind: 'search' }),
    )
  }
  const back = () => {
    refocus.current = view.kind === 'article' ? view.from : null
    setView({ kind: 'search' })
  }

  if (!open) return null
  return (
    <div
      ref={dialog}
      class="panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="panel-title"
      lang={host.lang}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation()
          close()
        }
      }}
    >
      <header class="panel-header">
        <h2 id="panel-title">{t.title}</h2>
        <button type="button" class="icon-button" aria-label={t.close} onClick={close}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <div class="panel-body">
        {view.kind === 'support' ? (
          SupportView ? (
            <SupportView
              apiBase={host.apiBase}
              lang={host.lang}
              recentSearches={searches.current}
              backLabel={t.back}
              onBack={() => setView({ kind: 'search' })}
            />
          ) : (
            <p>{t.loading}</p>
          )
        ) : view.kind === 'article' ? (
          <ArticleView
            article={view.article}
            t={t}
            onBack={back}
            onOpen={openArticle}
            onVote={(id, helpful) => api.feedback(id, host.lang, helpful)}
            apiBase={host.apiBase}
          />
        ) : (
          <SearchView
            t={t}
            query={query}
            results={results}
            browse={browse}
            input={input}
            onQuery={setQuery}
            onOpen={openArticle}
          />
        )}
        <p class="live" role="status" aria-live="polite">
          {view.kind === 'search' ? announce : ''}
        </p>
        {view.kind === 'search' &&
        results !== null &&
        results.length === 0 &&
        contact &&
        contact !== 'failed' &&
        contact.chat ? (
          <button type="button" class="primary ask-support" onClick={askSupport}>
            {t.askSupport}
          </button>
        ) : null}
        {view.kind === 'search' ? <ContactCard contact={contact} t={t} onAskSupport={askSupport} /> : null}
      </div>
    </div>
  )
}
