/** `desk.faqFeedback`: counts FAQ searches without a good answer and "Did this help?" votes, and reports them. */
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import { faqArticleData } from '../faq/articles.ts'
import { FAQ_GOOD_SCORE } from '../faq/search.ts'
import { type FaqLang, isFaqLang } from '../faq/types.ts'
import { bumpFaqCount, sumFaqCounts } from '../store/faq-feedback.ts'
import { normaliseFaqQuery } from './normalise.ts'

const REPORT_LIMIT = 10
const WEEK_MS = 7 * 24 * 60 * 60 * 1000

export interface FaqMiss {
  /** Normalised: lower-case, digits, e-mail addresses and phone numbers replaced. */
  query: string
  lang: FaqLang
  count: number
}

export interface FaqArticleVotes {
  articleId: string
  lang: FaqLang
  helpful: number
  unhelpful: number
}

export interface FaqReport {
  /** The first day counted (UTC midnight). */
  since: Date
  /** Most frequent searches without a good answer first. */
  topMisses: FaqMiss[]
  /** Articles with any "no", most "no" votes first (ties: the smaller share of "yes"). */
  leastHelpful: FaqArticleVotes[]
}

export type FaqSearchRecord = { recorded: true; miss: boolean } | { recorded: false; reason: 'EmptyQuery' }
export type FaqVoteRecord = { recorded: true } | { recorded: false; reason: 'UnknownArticle' }

export interface FaqFeedbackApi {
  /** Counts the search as a miss when its best score is below a good answer's; nothing else is stored. */
  recordSearch(query: string, lang: FaqLang, bestScore: number): Promise<FaqSearchRecord>
  /** Counts one "Did this help?" answer for an article (full id, e.g. `blocklist.sv`). */
  recordHelpful(articleId: string, lang: FaqLang, helpful: boolean): Promise<FaqVoteRecord>
  /** Top misses and least helpful articles from `since` (default: the last seven days) on. */
  report(options?: { since?: Date; limit?: number }): Promise<FaqReport>
}

const dayOf = (date: Date): string => iso(date).slice(0, 10)

/** `desk.faqFeedback` over the store in `ctx`. */
export function createFaqFeedbackApi(ctx: CoreContext): FaqFeedbackApi {
  const { db, clock } = ctx
  return {
    async recordSearch(query, lang, bestScore) {
      const subject = normaliseFaqQuery(query)
      if (subject === '' || !isFaqLang(lang)) return { recorded: false, reason: 'EmptyQuery' }
      const miss = !(bestScore >= FAQ_GOOD_SCORE)
      if (miss) await bumpFaqCount(db, { day: dayOf(clock.now()), kind: 'miss', subject, lang })
      return { recorded: true, miss }
    },

    async recordHelpful(articleId, lang, helpful) {
      const article = faqArticleData(articleId) ?? faqArticleData(`${articleId}.${lang}`)
      if (!article || !isFaqLang(lang)) return { recorded: false, reason: 'UnknownArticle' }
      await bumpFaqCount(db, {
        day: dayOf(clock.now()),
        kind: helpful ? 'helpful' : 'unhelpful',
        subject: article.id,
        lang: article.lang,
      })
      return { recorded: true }
    },

    async report(options = {}) {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? REPORT_LIMIT), 1), 100)
      const sinceDay = dayOf(options.since ?? new Date(clock.now().getTime() - WEEK_MS))
      const sums = await sumFaqCounts(db, sinceDay)
      const topMisses = sums
        .filter((sum) => sum.kind === 'miss')
        .map(({ subject, lang, count }) => ({ query: subject, lang, count }))
        .sort((a, b) => b.count - a.count || a.query.localeCompare(b.query))
        .slice(0, limit)
      const votes = new Map<string, FaqArticleVotes>()
      for (const sum of sums) {
        if (sum.kind === 'miss') continue
        const key = `${sum.subject} ${sum.lang}`
        const entry = votes.get(key) ?? { articleId: sum.subject, lang: sum.lang, helpful: 0, unhelpful: 0 }
        if (sum.kind === 'helpful') entry.helpful += sum.count
        else entry.unhelpful += sum.count
        votes.set(key, entry)
      }
      const share = (v: FaqArticleVotes) => v.helpful / (v.helpful + v.unhelpful)
      const leastHelpful = [...votes.values()]
        .filter((v) => v.unhelpful > 0)
        .sort(
          (a, b) =>
            b.unhelpful - a.unhelpful || share(a) - share(b) || a.articleId.localeCompare(b.articleId),
        )
        .slice(0, limit)
      return { since: new Date(`${sinceDay}T00:00:00.000Z`), topMisses, leastHelpful }
    },
  }
}
