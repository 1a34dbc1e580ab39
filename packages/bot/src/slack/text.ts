/** Slack's escaped command text → the neutral text the parser reads (`<@U1|anna>` → `<@U1>`, `&amp;` → `&`). */

/**
 * With `should_escape` on, Slack wraps mentions, links and phone numbers in `<…>` and escapes `&<>`.
 * People are kept as `<@id>` for `grant`/`revoke`; everything else becomes what the person typed.
 */
export function slackToPlainText(text: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/gi, '\uE000@$1\uE001')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/gi, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/gi, (_m, label: string | undefined) => label ?? '')
    .replace(/<(?:tel|mailto):([^|>]*)(?:\|[^>]*)?>/gi, '$1')
    .replace(/<((?:https?|ftp):[^|>]*)(?:\|[^>]*)?>/gi, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\uE000@([A-Z0-9]+)\uE001/gi, '<@$1>')
}

/** Text from a thread reply for an SMS body: mentions of people become their plain `@id`. */
export function slackToSmsText(text: string): string {
  return slackToPlainText(text).replace(/<@([A-Z0-9]+)>/gi, '@$1')
}
