/** Regenerates `packages/core/src/faq/articles.generated.ts` from the Markdown articles: `npx tsx packages/core/scripts/build-faq.ts`. */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildFaqData, type FaqMarkdownFile, renderFaqModule } from '../src/faq/generate.ts'

const faqDir = fileURLToPath(new URL('../src/faq/', import.meta.url))
const articlesDir = join(faqDir, 'articles')
const outFile = join(faqDir, 'articles.generated.ts')

/** Every `*.md` under `articles/<lang>/`. */
export function readFaqMarkdownFiles(dir = articlesDir): FaqMarkdownFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ path: relative(dir, join(dir, name)), source: readFileSync(join(dir, name), 'utf8') }))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const articles = buildFaqData(readFaqMarkdownFiles())
  writeFileSync(outFile, renderFaqModule(articles))
  const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url))
  execFileSync(biome, ['format', '--write', outFile], { stdio: 'inherit' })
  console.log(`wrote ${articles.length} articles to ${relative(process.cwd(), outFile)}`)
}
