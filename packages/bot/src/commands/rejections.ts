/** Why a recipient cannot be sent to, in words: a blocklisted number says who blocked it and since when. */

import type { Desk, Lang, StatusRef } from '@smsdesk/core'
import { CONVERSATION_TEXTS } from '../i18n/conversation.ts'
import { formatTime } from '../i18n/index.ts'

/** 405 RecipientRejected: the number is blocklisted. */
const RECIPIENT_REJECTED = 405

/**
 * The words after a rejected recipient's code: for a blocklisted number why and since when, else nothing (the
 * code's name says enough).
 */
export async function rejectionWords(
  desk: Desk,
  accountId: string,
  recipient: string,
  status: StatusRef | null,
  lang: Lang,
  timeZone: string,
): Promise<string> {
  if (status?.code !== RECIPIENT_REJECTED) return ''
  const c = CONVERSATION_TEXTS[lang]
  const block = await desk.blocklist.get(accountId, recipient).catch(() => null)
  return block
    ? ` — ${c.rejectedBlocked(c.blockReasons[block.reason], formatTime(block.createdAt, timeZone))}`
    : ` — ${c.rejectedBlockedNoReason}`
}
