/** What a thread is told when the number it sent to answers STOP or START: the note, in words, from the blocklist. */

import type { Desk, InboundEvent, Lang } from '@smsdesk/core'
import { commandPrefix, type Platform } from '../commands/context.ts'
import { CONVERSATION_TEXTS } from '../i18n/conversation.ts'

/**
 * The note for a STOP or START from `event.from`, read from the blocklist as it stands after the keyword (a START
 * lifts only a block the recipient set); null for any other inbound SMS.
 */
export async function optOutNote(
  desk: Desk,
  event: InboundEvent,
  lang: Lang,
  platform: Platform,
): Promise<string | null> {
  if (event.keyword !== 'STOP' && event.keyword !== 'START') return null
  const c = CONVERSATION_TEXTS[lang]
  const block = await desk.blocklist.get(event.accountId, event.from)
  if (event.keyword === 'STOP') return c.optOutStop(event.from)
  return block === null
    ? c.optOutStart(event.from)
    : c.optOutStartStillBlocked(event.from, commandPrefix(platform))
}
