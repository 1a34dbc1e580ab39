/**
 * Widget bench: gzip size of the loader and of everything the first open loads (the loader plus its
 * chunks), beside the 100–500 KB that Intercom, Crisp and Chatwoot ship (as they state it; not measured
 * here); and FAQ search latency over the whole corpus, beside a naive substring scan run in the same process,
 * with the heap the search index takes beside the article text it indexes.
 */

import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { FAQ_ARTICLES } from '../packages/core/src/faq/articles.generated.ts'
import { type FaqLang, searchFaq } from '../packages/core/src/faq/index.ts'
import { WIDGET_CHUNK_DIR, WIDGET_LOADER_FILE, widgetDistDir } from '../packages/widget/src/index.ts'

const LOADER_BUDGET = 3 * 1024
const FIRST_OPEN_BUDGET = 30 * 1024
const SEARCH_ROUNDS = 5

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function sizes(file: string): { raw: number; gzip: number; brotli: number } {
  const body = readFileSync(file)
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body).length,
  }
}

function benchSizes(): void {
  if (!existsSync(join(widgetDistDir, WIDGET_LOADER_FILE))) {
    execFileSync('npm', ['run', 'build', '-w', '@smsdesk/widget'], { stdio: 'inherit' })
  }
  const loader = sizes(join(widgetDistDir, WIDGET_LOADER_FILE))
  const chunks = readdirSync(join(widgetDistDir, WIDGET_CHUNK_DIR))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, ...sizes(join(widgetDistDir, WIDGET_CHUNK_DIR, name)) }))
  const all = chunks.reduce(
    (sum, chunk) => ({
      raw: sum.raw + chunk.raw,
      gzip: sum.gzip + chunk.gzip,
      brotli: sum.brotli + chunk.brotli,
    }),
    loader,
  )
  const verdict = (value: number, budget: number) =>
    value <= budget ? `within ${kb(budget)}` : `OVER ${kb(budget)}`
  console.log('Widget size (gzip -9; brotli in brackets)')
  console.log(
    `  loader widget.js            ${kb(loader.gzip).padStart(8)} (${kb(loader.brotli)}) raw ${kb(loader.raw)}  ${verdict(loader.gzip, LOADER_BUDGET)}`,
  )
  for (const chunk of chunks) {
    console.log(
      `  chunk ${chunk.name.padEnd(22)}${kb(chunk.gzip).padStart(8)} (${kb(chunk.brotli)}) raw ${kb(chunk.raw)}`,
    )
  }
  console.log(
    `  first open, everything      ${kb(all.gzip).padStart(8)} (${kb(all.brotli)}) raw ${kb(all.raw)}  ${verdict(all.gzip, FIRST_OPEN_BUDGET)}`,
  )
  console.log('  reference (stated by the vendors, not measured): Intercom, Crisp, Chatwoot ship 100–500 KB')
  console.log(`  → ${(100 / (all.gzip / 1024)).toFixed(0)}× smaller than the low end of that range`)
}

/** What people type: titles, tags, every prefix of a few questions (search as you type), typos and codes. */
function queries(): { text: string; lang: FaqLang }[] {
  const out: { text: string; lang: FaqLang }[] = []
  for (const article of FAQ_ARTICLES) {
    out.push({ text: article.title, lang: article.lang })
    for (const tag of article.tags) out.push({ text: tag, lang: article.lang })
    const words = article.text.split(' ').filter((word) => word.length > 5)
    for (const word of words.slice(0, 8))
      out.push({ text: `${word.slice(0, 2)}${word.slice(3)}`, lang: article.lang })
  }
  for (const phrase of ['glömt lösenord', 'fyll på saldo', 'forgot password', 'top up balance']) {
    for (let end = 1; end <= phrase.length; end++) {
      out.push({ text: phrase.slice(0, end), lang: /[åäö]|fyll/.test(phrase) ? 'sv' : 'en' })
    }
  }
  for (const code of ['404', '201', '599', '418', 'ContentRejected', 'levererad', 'Skickad']) {
    out.push({ text: code, lang: 'sv' }, { text: code, lang: 'en' })
  }
  return out
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function timeEach(
  list: { text: string; lang: FaqLang }[],
  run: (q: { text: string; lang: FaqLang }) => unknown,
) {
  const times: number[] = []
  for (let round = 0; round < SEARCH_ROUNDS; round++) {
    for (const query of list) {
      const start = performance.now()
      run(query)
      times.push(performance.now() - start)
    }
  }
  times.sort((a, b) => a - b)
  const total = times.reduce((sum, t) => sum + t, 0)
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: total / times.length,
    count: times.length,
  }
}

/** The garbage collector, callable: heap figures are read after a full collection. */
function collector(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

function benchSearch(): void {
  const list = queries()
  const gc = collector()
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  const coldStart = performance.now()
  searchFaq('lösenord', { lang: 'sv' })
  searchFaq('password', { lang: 'en' })
  const cold = performance.now() - coldStart
  gc()
  const indexHeap = process.memoryUsage().heapUsed - heapBefore
  const textBytes = FAQ_ARTICLES.reduce(
    (sum, a) => sum + Buffer.byteLength(`${a.title} ${a.tags.join(' ')} ${a.text}`),
    0,
  )
  // Warm-up: JIT and both indexes.
  for (const query of list) searchFaq(query.text, { lang: query.lang })

  const faq = timeEach(list, (q) => searchFaq(q.text, { lang: q.lang }))
  const naive = timeEach(list, (q) => {
    const needle = q.text.toLowerCase()
    return FAQ_ARTICLES.filter(
      (a) => a.lang === q.lang && `${a.title} ${a.text}`.toLowerCase().includes(needle),
    )
  })
  const ms = (value: number) => `${(value * 1000).toFixed(0)} µs`
  console.log(
    `FAQ search over ${FAQ_ARTICLES.length} articles, ${list.length} queries × ${SEARCH_ROUNDS} rounds`,
  )
  console.log(`  first query (builds the index): ${cold.toFixed(1)} ms`)
  console.log(
    `  memory: the first search (both indexes, and all it sets up) adds ${(indexHeap / 1024).toFixed(0)} KB to the heap, for ${(textBytes / 1024).toFixed(0)} KB of article text (${(indexHeap / textBytes).toFixed(0)}×)`,
  )
  console.log(
    `  searchFaq (stemmed, prefix + fuzzy, statuses): p50 ${ms(faq.p50)}  p99 ${ms(faq.p99)}  mean ${ms(faq.mean)}`,
  )
  console.log(
    `  baseline, naive substring scan:                p50 ${ms(naive.p50)}  p99 ${ms(naive.p99)}  mean ${ms(naive.mean)}`,
  )
  console.log(
    `  → ${(faq.p50 / naive.p50).toFixed(1)}× the naive scan's p50, for ranked, typo-tolerant answers`,
  )
}

export default async function benchWidget(): Promise<void> {
  benchSizes()
  console.log('')
  benchSearch()
}
