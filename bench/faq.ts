/**
 * FAQ ranking bench: precision@1 over the ranking table (`packages/core/src/faq/ranking-table.ts`) and search
 * time per query, for the FAQ search beside a baseline run in the same process: MiniSearch over the same
 * articles with the same stemming, prefix and typo settings but without aliases, compound splitting and the
 * generic-word penalty (the search as it was before #14).
 */
import MiniSearch from 'minisearch'
import { FAQ_ARTICLES } from '../packages/core/src/faq/articles.generated.ts'
import { type FaqLang, searchFaq } from '../packages/core/src/faq/index.ts'
import { FAQ_RANKING } from '../packages/core/src/faq/ranking-table.ts'
import { faqTerm, faqWords } from '../packages/core/src/faq/text.ts'

const ROUNDS = 20

function baselineIndex(lang: FaqLang): MiniSearch {
  const index = new MiniSearch({
    fields: ['title', 'tags', 'text'],
    tokenize: faqWords,
    processTerm: (term) => faqTerm(term, lang),
    searchOptions: {
      boost: { title: 3, tags: 2.5, text: 1 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      maxFuzzy: 2,
      combineWith: 'OR',
    },
  })
  index.addAll(
    FAQ_ARTICLES.filter((a) => a.lang === lang).map((a) => ({
      id: a.id,
      title: a.title,
      tags: a.tags.join(' , '),
      text: a.text,
    })),
  )
  return index
}

const baseline: Record<FaqLang, MiniSearch> = { sv: baselineIndex('sv'), en: baselineIndex('en') }
function baselineTop(query: string, lang: FaqLang): string | undefined {
  const own = baseline[lang].search(query)
  const hits = own.length > 0 ? own : baseline[lang === 'sv' ? 'en' : 'sv'].search(query)
  return hits[0] ? String(hits[0].id) : undefined
}
const faqTop = (query: string, lang: FaqLang) =>
  searchFaq(query, { lang }).find((result) => result.kind === 'article')?.id

function measure(name: string, top: (query: string, lang: FaqLang) => string | undefined) {
  const misses = FAQ_RANKING.filter(([query, lang, expected]) => top(query, lang) !== expected)
  const started = performance.now()
  for (let round = 0; round < ROUNDS; round++) for (const [query, lang] of FAQ_RANKING) top(query, lang)
  const perQueryUs = ((performance.now() - started) * 1000) / (ROUNDS * FAQ_RANKING.length)
  const p1 = 1 - misses.length / FAQ_RANKING.length
  return { name, p1, perQueryUs, misses }
}

export default async function benchFaq(): Promise<void> {
  // Build both indexes and warm the JIT before timing.
  for (const [query, lang] of FAQ_RANKING) {
    faqTop(query, lang)
    baselineTop(query, lang)
  }
  const rows = [
    measure('FAQ search (aliases, compounds, penalty)', faqTop),
    measure('baseline MiniSearch', baselineTop),
  ]
  console.log(`ranking table: ${FAQ_RANKING.length} queries, ${ROUNDS} timed rounds`)
  console.log('| search | precision@1 | time per query |')
  console.log('|---|---|---|')
  for (const row of rows)
    console.log(`| ${row.name} | ${row.p1.toFixed(3)} | ${row.perQueryUs.toFixed(0)} µs |`)
  for (const row of rows) {
    if (row.misses.length === 0) continue
    console.log(`\n${row.name} misses (${row.misses.length}):`)
    for (const [query, lang, expected] of row.misses)
      console.log(`  "${query}" (${lang}) → wanted ${expected}`)
  }
}
