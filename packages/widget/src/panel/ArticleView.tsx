/** One FAQ article with a back button; the HTML comes pre-sanitised from the server (Markdown, no raw HTML). */
import type { FaqArticle } from '@smsdesk/core/faq'
import { useEffect, useRef } from 'preact/hooks'
import { Helpful } from './Helpful.tsx'
import type { PanelStrings } from './strings.ts'

export interface ArticleViewProps {
  article: FaqArticle | 'loading' | 'failed'
  t: PanelStrings
  onBack(): void
  onOpen(id: string): void
  onVote(articleId: string, helpful: boolean): void
  /** The server that serves each article as its own page (`/help/<lang>/<topic>`). */
  apiBase: string
}

export function ArticleView({ article, t, onBack, onOpen, onVote, apiBase }: ArticleViewProps) {
  const heading = useRef<HTMLHeadingElement>(null)
  const loaded = typeof article === 'object'
  useEffect(() => {
    // Move focus to the new content so keyboard and screen-reader users start reading at the title.
    if (loaded) heading.current?.focus()
  }, [loaded, loaded ? article.id : null])

  const translation = loaded ? article.translations[0] : undefined
  return (
    <div class="article-view">
      <button type="button" class="back" onClick={onBack}>
        <span aria-hidden="true">←</span> {t.back}
      </button>
      {article === 'loading' ? <p>{t.loading}</p> : null}
      {article === 'failed' ? <p>{t.articleFailed}</p> : null}
      {loaded ? (
        <article class="article" aria-labelledby="article-title" lang={article.lang}>
          <h3 id="article-title" tabIndex={-1} ref={heading}>
            {article.title}
          </h3>
          {/* Safe: the HTML comes from markdown-it with raw HTML disabled, at build time of the FAQ. */}
          <div class="prose" dangerouslySetInnerHTML={{ __html: article.html }} />
          {translation ? (
            <button type="button" class="link" onClick={() => onOpen(translation.id)}>
              {t.otherLanguage}
            </button>
          ) : null}
          <a
            class="link"
            href={`${apiBase}/help/${article.lang}/${encodeURIComponent(article.topic)}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t.openPage}
          </a>
          <Helpful articleId={article.id} t={t} onVote={onVote} />
        </article>
      ) : null}
    </div>
  )
}
