/** The shapes `desk.support` takes and returns. */
import type { Lang } from '../desk.ts'

export interface StartConversationInput {
  question: string
  name: string
  email?: string | null
  mobile?: string | null
  /** The customer agreed to get staff replies by SMS (only with a mobile). */
  smsConsent: boolean
  customerNumber?: string | null
  /** The page the widget was opened on. */
  page?: string | null
  lang: Lang
  /** The FAQ searches made just before asking, oldest first (so staff see what did not help). */
  recentSearches: string[]
}

export type SupportStatus = 'open' | 'resolved'
export type SupportAuthor = 'customer' | 'staff'

export interface SupportMessage {
  id: string
  conversationId: string
  author: SupportAuthor
  /** The staff member's display name; null for the customer. */
  staffName: string | null
  text: string
  /** A staff `#note`: never shown to the customer. */
  internal: boolean
  createdAt: Date
}

export interface SupportThread {
  platform: 'slack' | 'teams'
  channel: string
  /** The Slack thread ts, or the Teams conversation/activity id. */
  ts: string
}

/** The whole conversation, as staff see it (the customer's view leaves out the contact details' use and notes). */
export interface SupportConversation {
  id: string
  name: string
  email: string | null
  mobile: string | null
  smsConsent: boolean
  customerNumber: string | null
  page: string | null
  lang: Lang
  recentSearches: string[]
  status: SupportStatus
  /** The staff member who answered last, if anyone did. */
  answeredBy: string | null
  thread: SupportThread | null
  createdAt: Date
  updatedAt: Date
}

/** What the customer's widget shows: the status and the messages without internal notes. */
export interface CustomerConversationView {
  id: string
  status: SupportStatus
  messages: SupportMessage[]
}

/** Emitted after a support message is committed (the SSE stream pushes staff replies; the bot relays customer ones). */
export interface SupportMessageEvent {
  conversation: SupportConversation
  message: SupportMessage
}

export type FaqDraftStatus = 'pending' | 'approved' | 'rejected'

/** A FAQ article proposed from a support conversation, waiting for review; never searched until made an article. */
export interface FaqDraft {
  id: string
  conversationId: string
  lang: Lang
  title: string
  question: string
  /** The staff answers, in order, internal notes left out. */
  answer: string
  status: FaqDraftStatus
  createdBy: string
  reviewedBy: string | null
  reviewedAt: Date | null
  createdAt: Date
}

export type FaqDraftResult = { ok: true; draft: FaqDraft } | { ok: false; reason: 'no_answer' }
