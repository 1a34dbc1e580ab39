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
    config: () =>
      getJson<{ support: SupportContactInfo; chat?: boolean }>(`${base}/api/v1/widget/config`).then((b) => ({
        ...b.support,
        chat: b.chat === true,
      })),
  }
}

export type PanelApi = ReturnType<typeof createApi>
