/** The queries behind `desk.support`: conversations, their messages, and the retention purge. */
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import type { SupportConversationsTable, SupportMessagesTable } from '../store/schema-support.ts'

export type ConversationRow = SupportConversationsTable
export type SupportMessageRow = SupportMessagesTable

export async function insertConversation(
  db: Kysely<Database>,
  row: ConversationRow,
  first: SupportMessageRow,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('support_conversations').values(row).execute()
    await trx.insertInto('support_messages').values(first).execute()
  })
}

export function selectConversationByHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('support_conversations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
}

export function selectConversation(db: Kysely<Database>, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('support_conversations').selectAll().where('id', '=', id).executeTakeFirst()
}

export function selectConversationByThread(
  db: Kysely<Database>,
  thread: { platform: string; channel: string; ts: string },
): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('support_conversations')
    .selectAll()
    .where('thread_platform', '=', thread.platform)
    .where('thread_channel', '=', thread.channel)
    .where('thread_ts', '=', thread.ts)
    .executeTakeFirst()
}

/** Appends a message and touches the conversation, in one transaction. */
export async function insertMessage(
  db: Kysely<Database>,
  row: SupportMessageRow,
  conversation: Partial<Pick<ConversationRow, 'answered_by' | 'status'>>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('support_messages').values(row).execute()
    await trx
      .updateTable('support_conversations')
      .set({ ...conversation, updated_at: row.created_at })
      .where('id', '=', row.conversation_id)
      .execute()
  })
}

export function selectMessages(
  db: Kysely<Database>,
  conversationId: string,
  withInternal: boolean,
): Promise<SupportMessageRow[]> {
  let q = db.selectFrom('support_messages').selectAll().where('conversation_id', '=', conversationId)
  if (!withInternal) q = q.where('internal', '=', 0)
  return q.orderBy('id').execute()
}

export async function updateConversation(
  db: Kysely<Database>,
  id: string,
  set: Partial<Omit<ConversationRow, 'id' | 'token_hash'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('support_conversations')
    .set(set)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Deletes conversations (and their messages) by id. */
export async function deleteConversations(db: Kysely<Database>, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('support_messages').where('conversation_id', 'in', ids).execute()
    const result = await trx.deleteFrom('support_conversations').where('id', 'in', ids).executeTakeFirst()
    return Number(result.numDeletedRows)
  })
}

/** Ids of conversations untouched since `before` (ISO), at most `limit`. */
export async function selectStaleConversationIds(
  db: Kysely<Database>,
  before: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('support_conversations')
    .select('id')
    .where('updated_at', '<', before)
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}
