/** The panel's HTTP calls, all to the origin `widget.js` came from. */
import type { FaqArticle, FaqArticleSummary, FaqLang, FaqSearchResult } from '@smsdesk/core/faq'

export interface SupportContactInfo {
  phone: string | null
  email: string | null
  hours: string | null
  /** Whether customers can ask support from the widget (SUPPORT_ENABLED). */
  chat?: boolean
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, credentials: 'omit', headers: { Accept: 'application/json' } })
  if (!response.ok) throw new Error(`${response.status} from ${url}`)
  return (await response.json()) as T
}

/** Fire and forget: feedback is counted on the server or not at all; the panel never waits or fails for it. */
function postJson(url: string, body: unknown): void {
  fetch(url, {
    method: 'POST',
    credentials: 'omit',
    keepalive: true,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => {})
}

export function createApi(base: string) {
  return {
    search: (q: string, lang: FaqLang, signal: AbortSignal) =>
      getJson<{ results: FaqSearchResult[] }>(
        `${base}/api/v1/faq/search?${new URLSearchParams({ q, lang, limit: '8' })}`,
        signal,
      ).then((body) => body.results),
    article: (id: string) => getJson<FaqArticle>(`${base}/api/v1/faq/articles/${encodeURIComponent(id)}`),
    articles: (lang: FaqLang) =>
      getJson<{ articles: FaqArticleSummary[] }>(`${base}/api/v1/faq/articles?lang=${lang}`).then(
        (body) => body.articles,
      ),
    feedback: (article: string, lang: FaqLang, helpful: boolean) =>
      postJson(`${base}/api/v1/widget/faq/feedback`, { article, lang, helpful }),
    /** A search the customer settled on; the server searches again and counts it if nothing good came up. */
    miss: (query: string, lang: FaqLang) => postJson(`${base}/api/v1/widget/faq/miss`, { query, lang }),
    config: () =>
      getJson<{ support: SupportContactInfo; chat?: boolean }>(`${base}/api/v1/widget/config`).then((b) => ({
        ...b.support,
        chat: b.chat === true,
      })),
  }
}

export type PanelApi = ReturnType<typeof createApi>
