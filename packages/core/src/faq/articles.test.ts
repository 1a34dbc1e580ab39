import { describe, expect, it } from 'vitest'
import { readFaqMarkdownFiles } from '../../scripts/build-faq.ts'
import { FAQ_ARTICLES } from './articles.generated.ts'
import { buildFaqData } from './generate.ts'
import { getFaqArticle, listFaqArticles } from './index.ts'

describe('FAQ articles', () => {
  it('articles.generated.ts matches the Markdown (run `npx tsx packages/core/scripts/build-faq.ts`)', () => {
    expect(FAQ_ARTICLES).toEqual(buildFaqData(readFaqMarkdownFiles()))
  })

  it('has at least 15 articles per language, every topic in both', () => {
    const sv = listFaqArticles('sv')
    const en = listFaqArticles('en')
    expect(sv.length).toBeGreaterThanOrEqual(15)
    expect(en.length).toBeGreaterThanOrEqual(15)
    expect(sv.map((a) => a.topic).sort()).toEqual(en.map((a) => a.topic).sort())
  })

  it.each([
    ['contact-support', ['support@ip1.se', 'Teams', 'Zoom']],
    ['browser-support', ['Internet Explorer', 'Edge', 'Firefox', 'Chrome']],
    ['top-up-balance', ['https://shop.ip1.net/', 'Capacity SMS']],
    ['forgot-password', ['10', 'no-reply@ip1.se']],
    ['opt-out', ['995', '495', '12', '3']],
    ['delivery-report-delay', ['72']],
    ['email-copy-dkim-spf', ['mandrill._domainkey', 'spf.mandrillapp.com']],
    ['save-contacts-keyword', ['Spara', '46731234567']],
  ])('%s carries the facts %j in both languages', (topic, facts) => {
    for (const lang of ['sv', 'en'] as const) {
      const article = getFaqArticle(`${topic}.${lang}`)
      for (const fact of facts) expect(article?.html).toContain(fact)
    }
  })

  it('finds an article by full id or by topic and language, and links its translation', () => {
    expect(getFaqArticle('forgot-password.en')?.title).toBe('I forgot my password')
    expect(getFaqArticle('forgot-password', 'sv')?.id).toBe('forgot-password.sv')
    expect(getFaqArticle('forgot-password.sv')?.translations).toEqual([
      { lang: 'en', id: 'forgot-password.en' },
    ])
    expect(getFaqArticle('no-such-article')).toBeNull()
  })

  it('renders links with rel="noopener noreferrer"', () => {
    const html = getFaqArticle('top-up-balance.sv')!.html
    expect(html).toContain('<a href="https://shop.ip1.net/" target="_blank" rel="noopener noreferrer">')
  })
})

describe('buildFaqData', () => {
  const file = (source: string) => ({ path: 'sv/x.md', source })

  it('escapes raw HTML and drops javascript: links', () => {
    const [article] = buildFaqData([
      file(
        '---\nid: x\nlang: sv\ntitle: X\ntags: [a]\n---\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[klick](javascript:alert(1))',
      ),
    ])
    expect(article!.html).not.toMatch(/<script|<img|href="javascript/i)
    expect(article!.html).toContain('&lt;script&gt;')
  })

  it('names the file when front matter is wrong', () => {
    expect(() => buildFaqData([file('no front matter')])).toThrow('sv/x.md: missing front matter')
    expect(() => buildFaqData([file('---\nid: x\nlang: de\ntitle: X\ntags: [a]\n---\nbody')])).toThrow(
      'lang must be sv or en',
    )
    expect(() => buildFaqData([file('---\nid: X Y\nlang: sv\ntitle: X\ntags: [a]\n---\nbody')])).toThrow(
      'id must be kebab-case',
    )
  })

  it('rejects two articles with the same id', () => {
    const source = '---\nid: x\nlang: sv\ntitle: X\ntags: [a]\n---\nbody'
    expect(() => buildFaqData([file(source), file(source)])).toThrow('duplicate FAQ article id x.sv')
  })
})
