/** Reads the help articles (and status answers) through `@smsdesk/core/faq`: the best one in full, for chat. */

import type { Lang } from '@smsdesk/core'
import { getFaqArticle, searchFaq } from '@smsdesk/core/faq'

/** The best article in full, as chat text, with the topic its web page is found under. */
export interface FaqBest {
  title: string
  text: string
  /** Set for articles (status answers have no page). */
  topic: string | null
}

/** Fits a Block Kit section (3,000 characters) with room for the tone mark; Adaptive Cards take it as is. */
const FULL_MAX = 2_900

/** The best hit in full and a few more by title; a status code or name in the question answers with that status. */
export function findFaqAnswer(
  question: string,
  lang: Lang,
  others = 3,
): { best: FaqBest; more: string[] } | null {
  const [first, ...rest] = searchFaq(question, { lang, limit: others + 1 })
  if (!first) return null
  const more = rest.map((hit) => (hit.kind === 'status' ? `${hit.code} ${hit.name}` : hit.title))
  if (first.kind === 'status')
    return {
      best: { title: `${first.code} ${first.name}`, text: `${first.meaning} ${first.action}`, topic: null },
      more,
    }
  const article = getFaqArticle(first.id, lang)
  const text = article ? htmlToChat(article.html) : first.snippet
  return { best: { title: first.title, text: clip(text, FULL_MAX), topic: article?.topic ?? null }, more }
}

/**
 * The article's safe HTML (generated from its Markdown) as chat text: headings and strong text in `*bold*`, list
 * items as bullets, web links with their address; every other tag dropped and entities decoded.
 */
export function htmlToChat(html: string): string {
  return html
    .replace(/>\s*\n\s*</g, '><')
    .replace(/<h\d[^>]*>([\s\S]*?)<\/h\d>/g, '\n\n*$1*\n')
    .replace(/<(?:strong|b)>([\s\S]*?)<\/(?:strong|b)>/g, '*$1*')
    .replace(/<a [^>]*href="(https?:[^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_, href: string, label: string) =>
      label === href ? href : `${label} (${href})`,
    )
    .replace(/<li[^>]*>/g, '• ')
    .replace(/<\/(?:p|li|ul|ol|pre|blockquote)>/g, '\n')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}
