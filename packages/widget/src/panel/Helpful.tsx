/** "Did this help?" under an article: yes or no, one click, then a thank-you announced in a live region. */
import { useState } from 'preact/hooks'
import type { PanelStrings } from './strings.ts'

export interface HelpfulProps {
  articleId: string
  t: PanelStrings
  onVote(articleId: string, helpful: boolean): void
}

export function Helpful({ articleId, t, onVote }: HelpfulProps) {
  // Keyed by article: moving on to a linked article asks again.
  const [votedOn, setVotedOn] = useState<string | null>(null)
  const voted = votedOn === articleId
  const vote = (helpful: boolean) => {
    setVotedOn(articleId)
    onVote(articleId, helpful)
  }
  return (
    <div class="helpful">
      {voted ? null : (
        <fieldset class="helpful-choices">
          <legend class="helpful-question">{t.helpfulQuestion}</legend>
          <button type="button" class="chip" onClick={() => vote(true)}>
            {t.helpfulYes}
          </button>
          <button type="button" class="chip" onClick={() => vote(false)}>
            {t.helpfulNo}
          </button>
        </fieldset>
      )}
      {/* Always in the page, so the thank-you is announced when it appears. */}
      <p class="note" role="status" aria-live="polite">
        {voted ? t.helpfulThanks : ''}
      </p>
    </div>
  )
}
