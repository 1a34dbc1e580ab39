/** `faq report` in a support workspace: the week's searches the FAQ could not answer and its least helpful articles. */
import { getFaqArticle } from '@smsdesk/core/faq'
import { FAQ_REPORT_TEXTS } from '../i18n/faq-report.ts'
import type { Answer } from './answer.ts'
import type { SupportScope } from './support-scope.ts'

/** The words after `faq` that ask for the report instead of searching. */
export const FAQ_REPORT_WORDS: ReadonlySet<string> = new Set(['report', 'rapport'])

const LIMIT = 10

export async function supportFaqReport(scope: SupportScope): Promise<Answer> {
  const r = FAQ_REPORT_TEXTS[scope.lang]
  const report = await scope.desk.faqFeedback.report({ limit: LIMIT })
  await scope.audit('chat faq report', null, 'faq-report')
  const lines = (items: string[]) => (items.length > 0 ? items.join('\n') : r.none)
  return {
    title: r.title(report.since.toISOString().slice(0, 10)),
    tone: 'info',
    fields: [
      { label: r.misses, value: lines(report.topMisses.map((miss) => r.miss(miss.query, miss.count))) },
      {
        label: r.leastHelpful,
        value: lines(
          report.leastHelpful.map((votes) =>
            r.votes(getFaqArticle(votes.articleId)?.title ?? votes.articleId, votes.helpful, votes.unhelpful),
          ),
        ),
      },
    ],
    note: r.note,
    private: true,
  }
}
