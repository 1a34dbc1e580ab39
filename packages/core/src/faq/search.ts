/**
 * FAQ search: one MiniSearch index per language with stemming, prefix and fuzzy matching, aliases,
 * Swedish compound splitting and a penalty for hits on generic words only; statuses first.
 */
import MiniSearch from 'minisearch'
import { FAQ_ARTICLES } from './articles.generated.ts'
import { faqArticleData } from './articles.ts'
import { createDecompounder, type Decompounder } from './compound.ts'
import { statusAnswer } from './status-answer.ts'
import { faqTerm, faqWords, isGenericTerm, WORD } from './text.ts'
import type { FaqArticleData, FaqArticleResult, FaqLang, FaqSearchOptions, FaqSearchResult } from './types.ts'
import { FAQ_LANGS, isFaqLang } from './types.ts'

/** A first hit scoring below this is no good answer: the widget offers support, and the query counts as a miss. */
export const FAQ_GOOD_SCORE = 8
const DEFAULT_LIMIT = 8
const MAX_LIMIT = 50
/** Longer input is cut: nobody types a question this long, and it bounds the work per query. */
export const MAX_QUERY_LENGTH = 200
const SNIPPET_LENGTH = 160

/** A hit that matched only generic words ("sms", "skicka", "number") keeps this share of its score. */
const GENERIC_ONLY_FACTOR = 0.2
/** The other language answers instead when its best hit scores this many times the asked language's. */
const OTHER_LANGUAGE_FACTOR = 2

interface IndexedArticle {
  id: string
  title: string
  tags: string
  aliases: string
  text: string
}

/** Swedish compounds are split against the words of the Swedish articles; English needs no splitting. */
function decompounderFor(lang: FaqLang): Decompounder | null {
  if (lang !== 'sv') return null
  const words = FAQ_ARTICLES.filter((article) => article.lang === lang).flatMap((article) =>
    faqWords([article.title, ...article.tags, ...article.aliases, article.text].join(' ')),
  )
  return createDecompounder(words)
}

/** A word's index terms: its stem, and for a compound the stems of its parts too. */
function termsOf(word: string, lang: FaqLang, decompounder: Decompounder | null): string[] | null {
  const term = faqTerm(word, lang)
  if (term === null) return null
  const parts = decompounder?.split(word) ?? []
  if (parts.length === 0) return [term]
  const terms = new Set([term])
  for (const part of parts) {
    const partTerm = faqTerm(part, lang)
    if (partTerm !== null) terms.add(partTerm)
  }
  return [...terms]
}

function createIndex(lang: FaqLang): MiniSearch<IndexedArticle> {
  const decompounder = decompounderFor(lang)
  const index = new MiniSearch<IndexedArticle>({
    fields: ['title', 'tags', 'aliases', 'text'],
    tokenize: faqWords,
    processTerm: (term) => termsOf(term, lang, decompounder),
    searchOptions: {
      boost: { title: 3, tags: 2.5, aliases: 2.5, text: 1 },
      prefix: (term) => term.length >= 3,
      // One typo in a 5–7 letter word, two in longer ones (0.2 × length, rounded).
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      maxFuzzy: 2,
      combineWith: 'OR',
    },
  })
  index.addAll(
    FAQ_ARTICLES.filter((article) => article.lang === lang).map(({ id, title, tags, aliases, text }) => ({
      id,
      title,
      tags: tags.join(' , '),
      aliases: aliases.join(' , '),
      text,
    })),
  )
  return index
}

const indexes = new Map<FaqLang, MiniSearch<IndexedArticle>>()
function indexFor(lang: FaqLang): MiniSearch<IndexedArticle> {
  let index = indexes.get(lang)
  if (!index) {
    index = createIndex(lang)
    indexes.set(lang, index)
  }
  return index
}

/** Each word's index term and position, per article: stemming is the costly part of making a snippet. */
const termPositions = new Map<string, { term: string | null; index: number }[]>()
function positionsOf(article: FaqArticleData): { term: string | null; index: number }[] {
  let positions = termPositions.get(article.id)
  if (!positions) {
    positions = [...article.text.matchAll(WORD)].map((m) => ({
      term: faqTerm(m[0], article.lang),
      index: m.index ?? 0,
    }))
    termPositions.set(article.id, positions)
  }
  return positions
}

/** A piece of the article text around the first word that matched, so the hit explains itself. */
function snippetFor(article: FaqArticleData, matchedTerms: readonly string[]): string {
  const text = article.text
  const wanted = new Set(matchedTerms)
  let start = positionsOf(article).find(({ term }) => term !== null && wanted.has(term))?.index ?? 0
  // Start at the beginning of the sentence when it is close, so the snippet reads naturally.
  const sentenceStart = Math.max(text.lastIndexOf('. ', start) + 2, 0)
  if (start - sentenceStart < 60) start = sentenceStart === 1 ? 0 : sentenceStart
  else start = text.lastIndexOf(' ', start - 20) + 1
  if (text.length - start < SNIPPET_LENGTH) start = Math.max(0, text.length - SNIPPET_LENGTH)
  let end = Math.min(text.length, start + SNIPPET_LENGTH)
  if (end < text.length) end = text.lastIndexOf(' ', end)
  const body = text.slice(start, end).trim()
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? ' …' : ''}`
}

/** MiniSearch's hits, with those that matched only generic words pushed down. */
function searchArticles(query: string, lang: FaqLang, limit: number): FaqArticleResult[] {
  return indexFor(lang)
    .search(query)
    .map((hit) => ({
      hit,
      score: hit.queryTerms.every((term) => isGenericTerm(term))
        ? hit.score * GENERIC_ONLY_FACTOR
        : hit.score,
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ hit, score }) => articleResult(faqArticleData(String(hit.id))!, hit.terms, score))
}

/** Articles in `lang`, or in the other language when the question plainly was asked in that one. */
function searchBothLanguages(query: string, lang: FaqLang, limit: number): FaqArticleResult[] {
  const own = searchArticles(query, lang, limit)
  const other = searchArticles(query, FAQ_LANGS.find((candidate) => candidate !== lang)!, limit)
  const ownTop = own[0]?.score ?? 0
  const otherTop = other[0]?.score ?? 0
  return otherTop > ownTop * OTHER_LANGUAGE_FACTOR ? other : own
}

function articleResult(
  article: FaqArticleData,
  matchedTerms: readonly string[],
  score: number,
): FaqArticleResult {
  return {
    kind: 'article',
    id: article.id,
    lang: article.lang,
    title: article.title,
    snippet: snippetFor(article, matchedTerms),
    score: Math.round(score * 1000) / 1000,
  }
}

/**
 * Searches the FAQ in one language. A query that is a status code or status name ("404",
 * "ContentRejected", "levererad") answers with that status first. When the other language matches far
 * better (English asked on a Swedish page), its articles are returned (each result carries its own `lang`).
 */
export function searchFaq(query: string, options: FaqSearchOptions): FaqSearchResult[] {
  const lang = isFaqLang(options.lang) ? options.lang : 'sv'
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT)
  const text = query.slice(0, MAX_QUERY_LENGTH).trim()
  if (text === '') return []

  let articles = searchBothLanguages(text, lang, limit)
  const status = statusAnswer(text, lang)
  if (!status) return articles
  const top = articles[0]?.score ?? 0
  // A bare code matches no prose; point to the article that explains the code groups instead.
  if (articles.length === 0) articles = [articleResult(faqArticleData(`status-codes.${lang}`)!, [], 0)]
  return [{ ...status, score: Math.round((top + 1) * 1000) / 1000 }, ...articles].slice(0, limit)
}
