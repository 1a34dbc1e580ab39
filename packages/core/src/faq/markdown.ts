/** Turns FAQ Markdown into safe HTML and plain text; used when the article module is generated. */
import MarkdownIt from 'markdown-it'
import type Token from 'markdown-it/lib/token.mjs'

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false })

const defaultLinkOpen = markdown.renderer.rules.link_open
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  // Articles link to shops and portals on other sites: never hand them our window.opener or the referrer.
  token.attrSet('target', '_blank')
  token.attrSet('rel', 'noopener noreferrer')
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, idx, options, env, self)
    : self.renderToken(tokens, idx, options)
}

/** Markdown → HTML. Raw HTML in the source is escaped, not passed through; unsafe link schemes are dropped. */
export function renderFaqMarkdown(source: string): string {
  return markdown.render(source)
}

/** Markdown → plain text of its prose (code blocks left out), words separated by single spaces. */
export function faqMarkdownText(source: string): string {
  const parts: string[] = []
  const collect = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'text' || token.type === 'code_inline') parts.push(token.content)
      else if (token.type === 'softbreak' || token.type === 'hardbreak') parts.push(' ')
      if (token.children) collect(token.children)
      // Headings and list items carry no full stop; add a separator so snippets do not run words together.
      if (token.type === 'heading_close') parts.push(':\n')
      else if (token.type === 'paragraph_close')
        parts.push(/[.!?:;]\s*$/.test(parts.at(-1) ?? '') ? '\n' : ';\n')
    }
  }
  collect(markdown.parse(source, {}))
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join(' ')
}
