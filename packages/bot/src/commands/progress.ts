/** The live answer for a send: per recipient for small sends, counts per status for large ones. */

import type { Desk, Lang } from '@smsdesk/core'
import { describeStatus } from '@smsdesk/core/status'
import { CONVERSATION_TEXTS } from '../i18n/conversation.ts'
import { formatAmount, messages } from '../i18n/index.ts'
import type { Answer } from './answer.ts'
import type { HandlerSettings } from './context.ts'
import { rejectionWords } from './rejections.ts'

/** Up to this many recipients the message lists each one; above it, counts keep it readable. */
export const PER_RECIPIENT_LIMIT = 10

const MARKS = { Success: '✅', Rejection: '⛔', Error: '❌', Info: '⏳' } as const
/** Final codes that are not a delivery get their own mark and words, whatever their group. */
const OWN_MARKS = { 202: '⌛', 203: '🚫', 599: '❔' } as const

export async function batchAnswer(
  desk: Desk,
  accountId: string,
  batchId: string,
  lang: Lang,
  settings: HandlerSettings,
): Promise<Answer> {
  const t = messages(lang)
  const summary = await desk.messages.batchSummary(accountId, batchId)
  let finals = 0
  let failed = 0
  for (const s of summary.byStatus) {
    const about = describeStatus(s.code, lang)
    if (about.final) finals += s.count
    if (about.final && (about.group === 'Rejection' || about.group === 'Error')) failed += s.count
  }

  let list: string[]
  if (summary.total <= PER_RECIPIENT_LIMIT) {
    const page = await desk.messages.list(accountId, { batchId, limit: PER_RECIPIENT_LIMIT })
    list = await Promise.all(
      page.items.map(
        async (m) =>
          `${markOf(m.status.code, lang)} ${m.recipient} · ${m.status.code} ${m.status.name}${wordsOf(m.status.code, lang)}${await rejectionWords(desk, accountId, m.recipient, m.status, lang, settings.timeZone)}`,
      ),
    )
  } else {
    list = summary.byStatus.map((s) => `${markOf(s.code, lang)} ${s.code} ${s.name}: ${s.count}`)
  }

  return {
    title: t.sentTitle(summary.total),
    tone: summary.final ? (failed > 0 ? 'warning' : 'success') : 'info',
    text: summary.final ? t.finished(summary.total - failed, failed) : t.progress(finals, summary.total),
    fields: [
      { label: t.batch, value: batchId },
      { label: t.price, value: formatAmount(summary.price, lang) },
    ],
    list,
    private: false,
    track: { batchId, accountId, final: summary.final },
  }
}

function ownCode(code: number): code is keyof typeof OWN_MARKS {
  return Object.hasOwn(OWN_MARKS, code)
}

function wordsOf(code: number, lang: Lang): string {
  return ownCode(code) ? ` — ${CONVERSATION_TEXTS[lang].finalWords[code]}` : ''
}

function markOf(code: number, lang: Lang): string {
  if (ownCode(code)) return OWN_MARKS[code]
  const about = describeStatus(code, lang)
  if (!about.final) return MARKS.Info
  return MARKS[about.group ?? 'Info']
}
