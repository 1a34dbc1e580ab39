/** `optout`: the account's opt-out settings, as the API's `GET /api/v1/opt-out-settings` shows them. */

import type { Answer } from './answer.ts'
import type { Scope } from './scope.ts'

export async function optOutSettings(scope: Scope): Promise<Answer> {
  const { t } = scope
  const s = await scope.desk.optOut.settings(scope.accountId)
  const text = s.effectiveMode === 'link' ? s.linkText[s.lang] : s.replyText[s.lang]
  const shown = text.replaceAll('{number}', s.virtualNumber ?? '{number}')
  return {
    title: t.optOutTitle,
    tone: s.effectiveMode === 'off' && s.requiredForMarketing ? 'warning' : 'info',
    text: t.optOutModes[s.effectiveMode],
    fields: [
      { label: t.optOutMode, value: s.mode === s.effectiveMode ? s.mode : `${s.mode} → ${s.effectiveMode}` },
      ...(s.effectiveMode === 'off' ? [] : [{ label: t.optOutText, value: shown }]),
      { label: t.optOutRequired, value: s.requiredForMarketing ? t.yes : t.no },
      { label: t.optOutConfirmations, value: s.confirmations ? t.yes : t.no },
      { label: t.optOutServices, value: t.optOutServiceList(s.services.link, s.services.reply) },
    ],
    note: t.optOutNote,
    private: true,
  }
}
