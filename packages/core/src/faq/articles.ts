/** Looking up FAQ articles by id and listing them per language. */
import { FAQ_ARTICLES } from './articles.generated.ts'
import {
  type FaqArticle,
  type FaqArticleData,
  type FaqArticleSummary,
  type FaqLang,
  isFaqLang,
} from './types.ts'

const byId = new Map<string, FaqArticleData>(FAQ_ARTICLES.map((article) => [article.id, article]))

/**
 * One article with its safe HTML, or null. `id` is the full id (`forgot-password.en`); a bare topic
 * (`forgot-password`) is also accepted and resolved in `lang` (default Swedish).
 */
export function getFaqArticle(id: string, lang: FaqLang = 'sv'): FaqArticle | null {
  const article = byId.get(id) ?? byId.get(`${id}.${lang}`)
  if (!article) return null
  const translations = FAQ_ARTICLES.filter((other) => other.topic === article.topic && other !== article).map(
    (other) => ({ lang: other.lang, id: other.id }),
  )
  const { aliases: _searchOnly, ...shown } = article
  return { ...shown, tags: [...article.tags], translations }
}

/** Every article in one language, ordered by title. */
export function listFaqArticles(lang: FaqLang): FaqArticleSummary[] {
  if (!isFaqLang(lang)) return []
  return FAQ_ARTICLES.filter((article) => article.lang === lang)
    .map(({ id, topic, title, tags }) => ({ id, topic, lang, title, tags: [...tags] }))
    .sort((a, b) => a.title.localeCompare(b.title, lang))
}

/** The article data by id, for the search index and snippets. */
export function faqArticleData(id: string): FaqArticleData | undefined {
  return byId.get(id)
}
