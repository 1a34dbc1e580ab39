/** A staff reply to a customer who has left the widget goes out as an SMS from the provider's own account. */
import type { Desk, SupportMessageEvent } from '@smsdesk/core'
import type { Logger } from 'pino'
import type { OpenStreams } from './streams.ts'

const INTRO: Record<'sv' | 'en', (staff: string) => string> = {
  sv: (staff) => `Svar från supporten (${staff}):`,
  en: (staff) => `Reply from support (${staff}):`,
}
const BACK: Record<'sv' | 'en', string> = { sv: 'Fortsätt samtalet:', en: 'Continue the conversation:' }

/**
 * Listens for staff replies; when the customer gave a mobile with consent and no event stream is open, sends
 * the reply through the normal send path (charged to and kept in the account's history). Returns the unsubscribe.
 */
export function startSmsFallback(
  desk: Desk,
  opts: { account: string; streams: OpenStreams; logger: Logger; sender?: string },
): () => void {
  const sendReply = async ({ conversation, message }: SupportMessageEvent): Promise<void> => {
    const account = await desk.operator.accounts.find(opts.account)
    const sender = opts.sender ?? account.registeredSenders[0] ?? 'Support'
    const link = conversation.page ? `\n${BACK[conversation.lang]} ${conversation.page}` : ''
    await desk.messages.send(account.id, {
      sender,
      recipients: [conversation.mobile as string],
      body: `${INTRO[conversation.lang](message.staffName ?? '')}\n${message.text}${link}`,
      purpose: 'transactional',
      reference: conversation.id,
      createdBy: 'support',
    })
  }
  return desk.support.onMessage((event) => {
    const { conversation, message } = event
    if (message.author !== 'staff' || message.internal) return
    if (!conversation.smsConsent || !conversation.mobile || opts.streams.isWatched(conversation.id)) return
    sendReply(event).catch((err: unknown) =>
      opts.logger.warn({ err, conversationId: conversation.id }, 'support: the SMS fallback failed'),
    )
  })
}
