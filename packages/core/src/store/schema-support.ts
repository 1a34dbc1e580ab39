/** Table types of the widget's support conversations (split from schema.ts, which is long enough). */

export interface SupportConversationsTable {
  id: string
  /** SHA-256 of the customer's token, base64url: the token itself is never stored. */
  token_hash: string
  name: string
  email: string | null
  mobile: string | null
  /** 1 when the customer agreed to get staff replies by SMS. */
  sms_consent: number
  customer_number: string | null
  page: string | null
  lang: string
  /** JSON array of the FAQ searches made just before asking. */
  recent_searches: string
  status: 'open' | 'resolved'
  answered_by: string | null
  thread_platform: string | null
  thread_channel: string | null
  thread_ts: string | null
  created_at: string
  updated_at: string
}

export interface SupportMessagesTable {
  id: string
  conversation_id: string
  author: 'customer' | 'staff'
  staff_name: string | null
  body: string
  /** 1 for a staff `#note`: never shown to the customer. */
  internal: number
  created_at: string
}

export interface FaqDraftsTable {
  id: string
  conversation_id: string
  lang: string
  title: string
  question: string
  answer: string
  status: 'pending' | 'approved' | 'rejected'
  created_by: string
  reviewed_by: string | null
  reviewed_at: string | null
  created_at: string
}
