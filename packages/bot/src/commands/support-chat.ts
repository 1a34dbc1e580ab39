/**
 * Widget support conversations in the support channel, for every platform: the channel message, what a thread
 * reply means (an answer, or an internal `#note`), and the Resolve / Reopen buttons.
 */
import type { Desk, Lang, SupportConversation } from '@smsdesk/core'
import { SUPPORT_CHAT_TEXTS } from '../i18n/support-chat.ts'
import type { Answer } from './answer.ts'

export const NOTE_MARKER = '#note'

/** A thread reply as staff meant it: text after `#note` stays internal. */
export function staffReplyOf(text: string): { text: string; internal: boolean } {
  const trimmed = text.trim()
  const internal = trimmed.toLowerCase().startsWith(NOTE_MARKER)
  return { text: trimmed, internal }
}

// `faq draft`, optionally followed by a title, alone in a thread reply.
const FAQ_DRAFT = /^faq\s+draft(?:\s+([\s\S]*))?$/i

/** `faq draft [title]` in a conversation's thread: the title asked for (null for none), or null when not the command. */
export function faqDraftCommandOf(text: string): { title: string | null } | null {
  const match = FAQ_DRAFT.exec(text.trim())
  if (!match) return null
  const title = match[1]?.trim() ?? ''
  return { title: title === '' ? null : title }
}

/** Turns the conversation's question and staff answers into a FAQ draft for review; returns the thread's acknowledgement. */
export async function faqDraftFromThread(
  desk: Desk,
  conversationId: string,
  command: { title: string | null; staffName: string },
  lang: Lang,
): Promise<string> {
  const s = SUPPORT_CHAT_TEXTS[lang]
  const made = await desk.support.drafts.createFromConversation(conversationId, {
    by: command.staffName,
    title: command.title,
  })
  return made.ok ? s.draftSaved(made.draft.title) : s.draftNoAnswer
}

/**
 * `faq draft [title]` typed in a support thread, on either platform: the acknowledgement to post in the thread, or
 * null when the text is not that command (then it is a reply to the customer or a note).
 */
export async function faqDraftInThread(
  desk: Desk,
  conversationId: string,
  text: string,
  staffName: string,
  lang: Lang,
): Promise<string | null> {
  const draft = faqDraftCommandOf(text)
  if (!draft) return null
  return faqDraftFromThread(desk, conversationId, { title: draft.title, staffName }, lang)
}

/**
 * Follows the customers' side of every support conversation for one platform: a conversation with no thread yet
 * is posted as new, a later message goes into its thread. Returns the function that stops following.
 */
export function followCustomerMessages(
  desk: Desk,
  post: {
    newConversation(conversation: SupportConversation, text: string): Promise<void>
    followUp(conversation: SupportConversation, text: string): Promise<void>
  },
  onError: (err: unknown) => void,
): () => void {
  return desk.support.onMessage(({ conversation, message }) => {
    if (message.author !== 'customer') return
    const work =
      conversation.thread === null
        ? post.newConversation(conversation, message.text)
        : post.followUp(conversation, message.text)
    work.catch(onError)
  })
}

/** Whether a button id is one of the support conversation buttons. */
export function isSupportChatAction(action: string): action is 'support_resolve' | 'support_reopen' {
  return action === 'support_resolve' || action === 'support_reopen'
}

/** The support channel's message for a conversation: question, customer, page, searches, status and buttons. */
export async function supportChannelAnswer(
  desk: Desk,
  conversation: SupportConversation,
  question: string,
  lang: Lang,
): Promise<Answer> {
  const s = SUPPORT_CHAT_TEXTS[lang]
  const fields = [{ label: s.name, value: conversation.name }]
  if (conversation.email) fields.push({ label: s.email, value: conversation.email })
  if (conversation.mobile) {
    fields.push({ label: s.mobile, value: conversation.mobile })
    fields.push({ label: s.sms, value: conversation.smsConsent ? s.smsYes : s.smsNo })
  }
  if (conversation.customerNumber) {
    const account = await desk.operator.accounts.find(conversation.customerNumber).catch(() => null)
    fields.push({
      label: s.customerNumber,
      value: account
        ? `${conversation.customerNumber} (${account.name}) · ${s.accountHint(`account ${account.customerNumber}`)}`
        : `${conversation.customerNumber} (${s.accountUnknown})`,
    })
  }
  if (conversation.page) fields.push({ label: s.page, value: conversation.page })
  fields.push({
    label: s.searches,
    value: conversation.recentSearches.length
      ? conversation.recentSearches.map((q) => `“${q}”`).join(', ')
      : s.noSearches,
  })
  const resolved = conversation.status === 'resolved'
  fields.push({ label: s.status, value: resolved ? s.resolved : s.open })
  fields.push({ label: s.answeredBy, value: conversation.answeredBy ?? s.nobody })
  return {
    title: s.title(conversation.name),
    tone: resolved ? 'success' : 'info',
    text: question,
    fields,
    buttons: [
      resolved
        ? { action: 'support_reopen', label: s.reopen, value: conversation.id, style: 'default' }
        : { action: 'support_resolve', label: s.resolve, value: conversation.id, style: 'primary' },
    ],
    note: s.note(NOTE_MARKER),
    private: false,
  }
}

/** A Resolve or Reopen click: changes the status and returns the channel message to show instead. */
export async function supportStatusClick(
  desk: Desk,
  action: 'support_resolve' | 'support_reopen',
  conversationId: string,
  staffName: string,
  lang: Lang,
): Promise<Answer> {
  const conversation =
    action === 'support_resolve'
      ? await desk.support.resolve(conversationId, staffName)
      : await desk.support.reopen(conversationId, staffName)
  const { messages } = await desk.support.get(conversationId)
  return supportChannelAnswer(desk, conversation, messages[0]?.text ?? '', lang)
}

/**
 * A staff message in a conversation's channel thread: an answer to the customer, or an internal `#note`.
 * Returns the channel message to show instead (it names who answered), or null when nothing about it changed.
 */
export async function supportThreadReply(
  desk: Desk,
  conversationId: string,
  text: string,
  staffName: string,
  lang: Lang,
): Promise<Answer | null> {
  const reply = staffReplyOf(text)
  if (reply.text === '') return null
  await desk.support.staffReply(conversationId, { text: reply.text, staffName, internal: reply.internal })
  if (reply.internal) return null
  const { conversation, messages } = await desk.support.get(conversationId)
  return supportChannelAnswer(desk, conversation, messages[0]?.text ?? '', lang)
}
