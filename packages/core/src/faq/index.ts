/** @smsdesk/core/faq — the browser-safe FAQ: articles in Swedish and English, search, and status answers. */
export { getFaqArticle, listFaqArticles } from './articles.ts'
export { FAQ_GOOD_SCORE, MAX_QUERY_LENGTH, searchFaq } from './search.ts'
export type {
  FaqArticle,
  FaqArticleResult,
  FaqArticleSummary,
  FaqLang,
  FaqSearchOptions,
  FaqSearchResult,
  FaqStatusResult,
} from './types.ts'
export { FAQ_LANGS, isFaqLang } from './types.ts'
