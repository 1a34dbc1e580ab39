/** The texts of `faq report` in support workspaces, per language. */
import type { Lang } from '@smsdesk/core'

export interface FaqReportTexts {
  title(since: string): string
  misses: string
  leastHelpful: string
  none: string
  miss(query: string, count: number): string
  votes(title: string, helpful: number, unhelpful: number): string
  note: string
}

export const FAQ_REPORT_TEXTS: Record<Lang, FaqReportTexts> = {
  en: {
    title: (since) => `FAQ report since ${since}`,
    misses: 'Searches without a good answer',
    leastHelpful: 'Least helpful articles',
    none: 'None',
    miss: (query, count) => `“${query}” × ${count}`,
    votes: (title, helpful, unhelpful) => `${title}: ${unhelpful} no, ${helpful} yes`,
    note: 'Queries are stored normalised: digits, e-mail addresses and phone numbers replaced.',
  },
  sv: {
    title: (since) => `FAQ-rapport sedan ${since}`,
    misses: 'Sökningar utan bra svar',
    leastHelpful: 'Minst hjälpsamma artiklar',
    none: 'Inga',
    miss: (query, count) => `”${query}” × ${count}`,
    votes: (title, helpful, unhelpful) => `${title}: ${unhelpful} nej, ${helpful} ja`,
    note: 'Sökningarna sparas normaliserade: siffror, e-postadresser och telefonnummer ersatta.',
  },
}
