/** Shapes shared by the FAQ knowledge base, its search and everything that shows FAQ answers. */

export const FAQ_LANGS = ['sv', 'en'] as const
export type FaqLang = (typeof FAQ_LANGS)[number]

export function isFaqLang(value: unknown): value is FaqLang {
  return value === 'sv' || value === 'en'
}

/** One article as generated from its Markdown file: text pre-rendered so nothing parses Markdown at run time. */
export interface FaqArticleData {
  /** Unique across languages: `<topic>.<lang>`, e.g. `forgot-password.sv`. */
  id: string
  /** Shared by the Swedish and English version of the same article, e.g. `forgot-password`. */
  topic: string
  lang: FaqLang
  title: string
  tags: readonly string[]
  /** Words customers use that the article does not: synonyms and concepts, searched like tags. */
  aliases: readonly string[]
  /** Safe HTML: raw HTML in the Markdown is escaped, links open in a new tab with `rel="noopener noreferrer"`. */
  html: string
  /** Plain text of the body (code blocks left out), for search and snippets. */
  text: string
}

/** An article as shown: its aliases are for search only. */
export interface FaqArticle extends Omit<FaqArticleData, 'aliases'> {
  /** Ids of the same topic in other languages. */
  translations: { lang: FaqLang; id: string }[]
}

export interface FaqArticleSummary {
  id: string
  topic: string
  lang: FaqLang
  title: string
  tags: readonly string[]
}

/** A search hit that is an SMS status: the query was a status code or a status name (new or old Web SMS). */
export interface FaqStatusResult {
  kind: 'status'
  code: number
  name: string
  group: 'Info' | 'Success' | 'Rejection' | 'Error'
  final: boolean
  meaning: string
  action: string
  /** Set when the query was an old Web SMS status (Levererad, Skickad, Fel). */
  legacyName?: string
  score: number
}

export interface FaqArticleResult {
  kind: 'article'
  id: string
  lang: FaqLang
  title: string
  snippet: string
  score: number
}

export type FaqSearchResult = FaqStatusResult | FaqArticleResult

export interface FaqSearchOptions {
  lang: FaqLang
  /** Most results to return (default 8, at most 50). */
  limit?: number
}
