/** Reads the help articles (and status answers) through `@smsdesk/core/faq`, shortened for chat. */

import type { Lang } from '@smsdesk/core'
import { searchFaq } from '@smsdesk/core/faq'

export interface FaqAnswer {
  title: string
  excerpt: string
}

/** The best few answers for a question; a status code or name in the question answers with that status. */
export function findFaqAnswers(question: string, lang: Lang, limit = 3): FaqAnswer[] {
  return searchFaq(question, { lang, limit }).map((hit) =>
    hit.kind === 'status'
      ? { title: `${hit.code} ${hit.name}`, excerpt: clip(`${hit.meaning} ${hit.action}`, 280) }
      : { title: hit.title, excerpt: clip(hit.snippet.replace(/\s+/g, ' ').trim(), 280) },
  )
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}
