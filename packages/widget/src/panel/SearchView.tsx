/** The search field, its results (status answers and articles) and, before typing, the list of all articles. */
import type { FaqArticleSummary, FaqSearchResult } from '@smsdesk/core/faq'
import type { Ref } from 'preact'
import { StatusCard } from './StatusCard.tsx'
import type { PanelStrings } from './strings.ts'

export interface SearchViewProps {
  t: PanelStrings
  query: string
  results: FaqSearchResult[] | null
  browse: FaqArticleSummary[] | null
  input: Ref<HTMLInputElement>
  onQuery(text: string): void
  onOpen(id: string): void
}

function ArticleButton(props: { id: string; title: string; snippet?: string; onOpen(id: string): void }) {
  const snippetId = `s-${props.id.replace(/\W/g, '-')}`
  // The button carries only the title (its accessible name); the card around it is made clickable by CSS.
  return (
    <li class="result">
      <button
        type="button"
        class="result-title"
        data-id={props.id}
        aria-describedby={props.snippet ? snippetId : undefined}
        onClick={() => props.onOpen(props.id)}
      >
        {props.title}
      </button>
      {props.snippet ? (
        <p class="snippet" id={snippetId}>
          {props.snippet}
        </p>
      ) : null}
    </li>
  )
}

export function SearchView({ t, query, results, browse, input, onQuery, onOpen }: SearchViewProps) {
  return (
    <div class="search-view">
      <search class="search">
        <label for="faq-q">{t.searchLabel}</label>
        <input
          id="faq-q"
          ref={input}
          type="search"
          value={query}
          placeholder={t.searchPlaceholder}
          autocomplete="off"
          spellcheck={false}
          aria-describedby="faq-hint"
          onInput={(event) => onQuery(event.currentTarget.value)}
        />
        <p id="faq-hint" class="hint">
          {t.searchHint}
        </p>
      </search>
      {results && results.length > 0 ? (
        <ul class="results" aria-label={t.searchLabel}>
          {results.map((result) =>
            result.kind === 'status' ? (
              <li key={`status-${result.code}`}>
                <StatusCard status={result} t={t} />
              </li>
            ) : (
              <ArticleButton key={result.id} {...result} onOpen={onOpen} />
            ),
          )}
        </ul>
      ) : null}
      {results === null && browse && browse.length > 0 ? (
        <section aria-labelledby="browse-title">
          <h3 id="browse-title" class="section-title">
            {t.browseTitle}
          </h3>
          <ul class="results">
            {browse.map((article) => (
              <ArticleButton key={article.id} id={article.id} title={article.title} onOpen={onOpen} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
