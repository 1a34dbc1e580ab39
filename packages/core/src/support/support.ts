/** `desk.support`: questions from the help widget, answered by staff in a chat thread, and their retention. */
import { createHash, randomBytes } from 'node:crypto'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { Lang } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import { createFaqDraftsApi, type FaqDraftsApi } from './drafts.ts'
import {
  type ConversationRow,
  deleteConversations,
  insertConversation,
  insertMessage,
  type SupportMessageRow,
  selectConversation,
  selectConversationByHash,
  selectConversationByThread,
  selectMessages,
  selectStaleConversationIds,
  updateConversation,
} from './store.ts'
import type {
  CustomerConversationView,
  StartConversationInput,
  SupportConversation,
  SupportMessage,
  SupportMessageEvent,
  SupportThread,
} from './types.ts'
import { email, mobile, plainText, SUPPORT_LIMITS, searches } from './validate.ts'

export type * from './types.ts'

/** Default days a conversation is kept after its last message. */
export const SUPPORT_RETENTION_DAYS = 90

export interface SupportApi {
  /** Opens a conversation with the customer's question; the token is returned once, and only its hash is kept. */
  startConversation(input: StartConversationInput): Promise<{ conversationId: string; token: string }>
  /** The customer's view by token: `NotFound` for an unknown token. */
  conversation(token: string): Promise<CustomerConversationView>
  addCustomerMessage(token: string, text: string): Promise<SupportMessage>
  /** The customer removes their own conversation. */
  deleteByToken(token: string): Promise<void>
  /** Staff's view, internal notes included. */
  get(conversationId: string): Promise<{ conversation: SupportConversation; messages: SupportMessage[] }>
  /** A staff answer (or, with `internal`, a note the customer never sees). */
  staffReply(
    conversationId: string,
    reply: { text: string; staffName: string; internal?: boolean },
  ): Promise<SupportMessage>
  resolve(conversationId: string, by: string): Promise<SupportConversation>
  reopen(conversationId: string, by: string): Promise<SupportConversation>
  /** Records the chat thread the conversation lives in. */
  linkThread(conversationId: string, thread: SupportThread): Promise<void>
  findByThread(thread: SupportThread): Promise<SupportConversation | null>
  /** Deletes conversations untouched for `days` (default 90); returns how many. */
  purgeOlderThan(days?: number): Promise<number>
  /** Called after each committed message, customer or staff (internal notes included: check `internal`). */
  onMessage(listener: (event: SupportMessageEvent) => void): () => void
  /** FAQ drafts made from conversations (`faq draft` in the thread): a reviewed queue. */
  readonly drafts: FaqDraftsApi
}

/** SHA-256 of a token, base64url: what the database holds instead of the token. */
export function hashSupportToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/

function rowToConversation(row: ConversationRow): SupportConversation {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    mobile: row.mobile,
    smsConsent: Number(row.sms_consent) === 1,
    customerNumber: row.customer_number,
    page: row.page,
    lang: row.lang as Lang,
    recentSearches: JSON.parse(row.recent_searches) as string[],
    status: row.status,
    answeredBy: row.answered_by,
    thread:
      row.thread_platform && row.thread_channel && row.thread_ts
        ? {
            platform: row.thread_platform as SupportThread['platform'],
            channel: row.thread_channel,
            ts: row.thread_ts,
          }
        : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }
}

function rowToMessage(row: SupportMessageRow): SupportMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    author: row.author,
    staffName: row.staff_name,
    text: row.body,
    internal: Number(row.internal) === 1,
    createdAt: new Date(row.created_at),
  }
}

const notFound = (): DeskError => new DeskError('NotFound', 'No such conversation.')

export function createSupportApi(ctx: CoreContext, opts: { defaultCountry: string }): SupportApi {
  const { db } = ctx
  const byToken = async (token: string): Promise<ConversationRow> => {
    // A malformed token is answered like an unknown one: nothing tells a guess apart from a miss.
    const row =
      typeof token === 'string' && TOKEN.test(token)
        ? await selectConversationByHash(db, hashSupportToken(token))
        : undefined
    if (!row) throw notFound()
    return row
  }
  const byId = async (id: string): Promise<ConversationRow> => {
    const row = await selectConversation(db, id)
    if (!row) throw notFound()
    return row
  }
  const append = async (
    row: ConversationRow,
    message: Omit<SupportMessageRow, 'id' | 'conversation_id' | 'created_at'>,
    set: Partial<Pick<ConversationRow, 'answered_by' | 'status'>> = {},
  ): Promise<SupportMessage> => {
    const now = ctx.clock.now()
    const stored: SupportMessageRow = {
      id: newId('smg', now.getTime()),
      conversation_id: row.id,
      created_at: iso(now),
      ...message,
    }
    await insertMessage(db, stored, set)
    const msg = rowToMessage(stored)
    const conversation = rowToConversation({ ...row, ...set, updated_at: stored.created_at })
    ctx.events.emitSupportMessage({ conversation, message: msg })
    return msg
  }
  const setStatus = async (
    id: string,
    status: 'open' | 'resolved',
    by: string,
  ): Promise<SupportConversation> => {
    const row = await byId(id)
    const now = iso(ctx.clock.now())
    const answeredBy = status === 'resolved' ? (row.answered_by ?? plainText('by', by, 100)) : row.answered_by
    await updateConversation(db, id, { status, answered_by: answeredBy, updated_at: now })
    return rowToConversation({ ...row, status, answered_by: answeredBy, updated_at: now })
  }

  return {
    async startConversation(input) {
      const question = plainText('question', input.question, SUPPORT_LIMITS.text) as string
      const mob = mobile(input.mobile, opts.defaultCountry)
      const now = ctx.clock.now()
      const token = randomBytes(32).toString('base64url')
      const row: ConversationRow = {
        id: newId('sup', now.getTime()),
        token_hash: hashSupportToken(token),
        name: plainText('name', input.name, SUPPORT_LIMITS.name) as string,
        email: email(input.email),
        mobile: mob,
        sms_consent: mob !== null && input.smsConsent === true ? 1 : 0,
        customer_number: plainText(
          'customerNumber',
          input.customerNumber,
          SUPPORT_LIMITS.customerNumber,
          false,
        ),
        page: plainText('page', input.page, SUPPORT_LIMITS.page, false),
        lang: input.lang === 'en' ? 'en' : 'sv',
        recent_searches: JSON.stringify(searches(input.recentSearches)),
        status: 'open',
        answered_by: null,
        thread_platform: null,
        thread_channel: null,
        thread_ts: null,
        created_at: iso(now),
        updated_at: iso(now),
      }
      if (row.email === null && row.mobile === null)
        throw new DeskError('InvalidRequest', 'Give an e-mail address or a mobile number.', {
          details: { field: 'email', reason: 'missing' },
        })
      const first: SupportMessageRow = {
        id: newId('smg', now.getTime()),
        conversation_id: row.id,
        author: 'customer',
        staff_name: null,
        body: question,
        internal: 0,
        created_at: row.created_at,
      }
      await insertConversation(db, row, first)
      ctx.events.emitSupportMessage({ conversation: rowToConversation(row), message: rowToMessage(first) })
      return { conversationId: row.id, token }
    },
    async conversation(token) {
      const row = await byToken(token)
      const messages = (await selectMessages(db, row.id, false)).map(rowToMessage)
      return { id: row.id, status: row.status, messages }
    },
    async addCustomerMessage(token, text) {
      const row = await byToken(token)
      const body = plainText('text', text, SUPPORT_LIMITS.text) as string
      // A customer writing again reopens a resolved conversation.
      return append(row, { author: 'customer', staff_name: null, body, internal: 0 }, { status: 'open' })
    },
    async deleteByToken(token) {
      const row = await byToken(token)
      await deleteConversations(db, [row.id])
    },
    async get(conversationId) {
      const row = await byId(conversationId)
      const messages = (await selectMessages(db, row.id, true)).map(rowToMessage)
      return { conversation: rowToConversation(row), messages }
    },
    async staffReply(conversationId, reply) {
      const row = await byId(conversationId)
      const body = plainText('text', reply.text, SUPPORT_LIMITS.text) as string
      const staffName = plainText('staffName', reply.staffName, 100) as string
      const internal = reply.internal === true
      return append(
        row,
        { author: 'staff', staff_name: staffName, body, internal: internal ? 1 : 0 },
        internal ? {} : { answered_by: staffName },
      )
    },
    resolve: (id, by) => setStatus(id, 'resolved', by),
    reopen: (id, by) => setStatus(id, 'open', by),
    async linkThread(conversationId, thread) {
      const ok = await updateConversation(db, conversationId, {
        thread_platform: thread.platform,
        thread_channel: thread.channel,
        thread_ts: thread.ts,
      })
      if (!ok) throw notFound()
    },
    async findByThread(thread) {
      const row = await selectConversationByThread(db, thread)
      return row ? rowToConversation(row) : null
    },
    async purgeOlderThan(days = SUPPORT_RETENTION_DAYS) {
      if (!Number.isFinite(days) || days < 0) throw new DeskError('InvalidRequest', 'days must be 0 or more.')
      const before = iso(new Date(ctx.clock.now().getTime() - days * 86_400_000))
      let purged = 0
      for (;;) {
        const ids = await selectStaleConversationIds(db, before, 200)
        purged += await deleteConversations(db, ids)
        if (ids.length < 200) return purged
      }
    },
    onMessage: (listener) => ctx.events.onSupportMessage(listener),
    drafts: createFaqDraftsApi(ctx),
  }
}
