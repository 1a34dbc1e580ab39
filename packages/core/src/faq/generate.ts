/** Builds the FAQ article data from Markdown files with front matter (pure: the caller reads the files). */
import { faqMarkdownText, renderFaqMarkdown } from './markdown.ts'
import { type FaqArticleData, isFaqLang } from './types.ts'

export interface FaqMarkdownFile {
  /** Path relative to the articles folder, e.g. `sv/forgot-password.md`; only used in error messages and order. */
  path: string
  source: string
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/
const TOPIC = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Reads `key: value` lines; a value in brackets is a comma-separated list. Enough for id, lang, title, tags, aliases. */
function parseFrontMatter(block: string, path: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {}
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const match = /^([a-z]+):\s*(.*)$/.exec(line)
    if (!match) throw new Error(`${path}: cannot read front matter line "${line}"`)
    const [, key, raw] = match as unknown as [string, string, string]
    const value = raw.trim()
    fields[key] =
      value.startsWith('[') && value.endsWith(']')
        ? value
            .slice(1, -1)
            .split(',')
            .map((tag) => tag.trim())
            .filter((tag) => tag.length > 0)
        : value
  }
  return fields
}

/** Parses one Markdown file; throws with the file's path when a field is missing or malformed. */
export function parseFaqMarkdown(file: FaqMarkdownFile): FaqArticleData {
  const match = FRONT_MATTER.exec(file.source)
  if (!match) throw new Error(`${file.path}: missing front matter (--- … ---)`)
  const fields = parseFrontMatter(match[1]!, file.path)
  const { id: topic, lang, title, tags, aliases = [] } = fields
  if (typeof topic !== 'string' || !TOPIC.test(topic)) throw new Error(`${file.path}: id must be kebab-case`)
  if (!isFaqLang(lang)) throw new Error(`${file.path}: lang must be sv or en`)
  if (typeof title !== 'string' || title === '') throw new Error(`${file.path}: title is missing`)
  if (!Array.isArray(tags) || tags.length === 0) throw new Error(`${file.path}: tags must be a [list]`)
  if (!Array.isArray(aliases)) throw new Error(`${file.path}: aliases must be a [list]`)
  const body = match[2]!.trim()
  return {
    id: `${topic}.${lang}`,
    topic,
    lang,
    title,
    tags,
    aliases,
    html: renderFaqMarkdown(body),
    text: faqMarkdownText(body),
  }
}

/** All articles, sorted by id so the generated module does not depend on directory order. */
export function buildFaqData(files: readonly FaqMarkdownFile[]): FaqArticleData[] {
  const articles = files.map(parseFaqMarkdown).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const seen = new Set<string>()
  for (const article of articles) {
    if (seen.has(article.id)) throw new Error(`duplicate FAQ article id ${article.id}`)
    seen.add(article.id)
  }
  return articles
}

/** The TypeScript module committed as `articles.generated.ts` (formatted afterwards by Biome). */
export function renderFaqModule(articles: readonly FaqArticleData[]): string {
  return [
    '/** FAQ articles generated from `articles/{sv,en}/*.md` by `packages/core/scripts/build-faq.ts` — do not edit. */',
    "import type { FaqArticleData } from './types.ts'",
    '',
    `export const FAQ_ARTICLES: readonly FaqArticleData[] = ${JSON.stringify(articles, null, 2)}`,
    '',
  ].join('\n')
}
