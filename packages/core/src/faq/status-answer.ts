/** Answers a FAQ query that is a status code or a status name with that status, via the core's catalogue. */
import { describeStatus, lookupStatus } from '../status/index.ts'
import type { FaqLang, FaqStatusResult } from './types.ts'

// Words people wrap around a code ("status 404", "what does 404 mean", "vad betyder felkod 503?").
const FILLER = new Set(
  'status statuskod statuskoden kod koden felkod felkoden code error vad betyder betyda what does is mean means the sms'.split(
    ' ',
  ),
)

/** The status a query names, or null when the query is more than a code or a status name. */
export function statusAnswer(query: string, lang: FaqLang): Omit<FaqStatusResult, 'score'> | null {
  const words = query
    .toLowerCase()
    .split(/[\s?!.:,]+/)
    .filter((word) => word.length > 0 && !FILLER.has(word))
  if (words.length !== 1) return null
  const word = words[0]!
  const match = lookupStatus(word)
  if (match) {
    const text = match.legacy ? match.legacy.text[lang] : match.text[lang]
    return {
      kind: 'status',
      code: match.code,
      name: match.name,
      group: match.group,
      final: match.final,
      meaning: text.meaning,
      action: text.action,
      ...(match.legacy ? { legacyName: match.legacy.name } : {}),
    }
  }
  // A three-digit code we do not list is still explained by its first digit.
  if (!/^\d{3}$/.test(word)) return null
  const described = describeStatus(Number(word), lang)
  if (described.group === null) return null
  return {
    kind: 'status',
    code: described.code,
    name: described.name ?? (lang === 'sv' ? 'Okänd kod' : 'Unknown code'),
    group: described.group,
    final: described.final ?? false,
    meaning: described.meaning,
    action: described.action,
  }
}
