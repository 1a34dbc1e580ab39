/** What the bot remembers: linked workspaces, member roles, single-use send confirmations and thread anchors. */
import type { Selectable } from 'kysely'
import { isRole } from '../accounts/roles.ts'
import { requireAccount } from '../accounts/scope.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { ChatLinks, ChatThread, ChatWorkspace, Lang, Role, SendRequest } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import { STATUSES } from '../status/catalogue.ts'
import type { ChatThreadsTable, ChatWorkspacesTable } from '../store/schema.ts'
import { parsePendingRequest, serializePendingRequest } from './pending-request.ts'

type Platform = ChatWorkspace['platform']

/** Every code a message can still move on from (from the catalogue, so a new code cannot be missed here). */
const NOT_FINAL_CODES: number[] = STATUSES.filter((s) => !s.final).map((s) => s.code)

/** The chat links over the store in `ctx`. */
export function createChatLinks(ctx: CoreContext): ChatLinks {
  const { db, clock } = ctx

  async function getWorkspace(platform: Platform, workspaceId: string): Promise<ChatWorkspace | null> {
    const row = await db
      .selectFrom('chat_workspaces')
      .selectAll()
      .where('platform', '=', platform)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    return row ? rowToWorkspace(row) : null
  }

  async function setMemberRole(
    platform: Platform,
    workspaceId: string,
    userId: string,
    role: Role,
  ): Promise<void> {
    if (!isRole(role)) throw new DeskError('InvalidRequest', 'Role must be admin, sender or viewer')
    await db
      .insertInto('chat_members')
      .values({ platform, workspace_id: workspaceId, user_id: userId, role, created_at: iso(clock.now()) })
      .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'user_id']).doUpdateSet({ role }))
      .execute()
  }

  return {
    getWorkspace,

    async linkWorkspace(platform, workspaceId, accountId, linkedBy, role) {
      if (!isRole(role)) throw new DeskError('InvalidRequest', 'Role must be admin, sender or viewer')
      const now = iso(clock.now())
      await db.transaction().execute(async (trx) => {
        await requireAccount(trx, accountId)
        // Re-linking moves the workspace to the new account; the language it chose stays.
        await trx
          .insertInto('chat_workspaces')
          .values({
            platform,
            workspace_id: workspaceId,
            account_id: accountId,
            lang: 'sv',
            linked_by: linkedBy,
            created_at: now,
          })
          .onConflict((oc) =>
            oc
              .columns(['platform', 'workspace_id'])
              .doUpdateSet({ account_id: accountId, linked_by: linkedBy }),
          )
          .execute()
        await trx
          .insertInto('chat_members')
          .values({ platform, workspace_id: workspaceId, user_id: linkedBy, role, created_at: now })
          .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'user_id']).doUpdateSet({ role }))
          .execute()
      })
      const linked = await getWorkspace(platform, workspaceId)
      if (!linked) throw new Error('chat workspace vanished right after it was linked')
      return linked
    },

    async setLang(platform, workspaceId, lang: Lang) {
      if (lang !== 'sv' && lang !== 'en') throw new DeskError('InvalidRequest', 'Language must be sv or en')
      const result = await db
        .updateTable('chat_workspaces')
        .set({ lang })
        .where('platform', '=', platform)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0)
        throw new DeskError('NotFound', `Workspace ${workspaceId} is not linked`)
    },

    async getMemberRole(platform, workspaceId, userId) {
      const row = await db
        .selectFrom('chat_members')
        .select('role')
        .where('platform', '=', platform)
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return row?.role ?? null
    },

    setMemberRole,

    async removeMember(platform, workspaceId, userId) {
      const result = await db
        .deleteFrom('chat_members')
        .where('platform', '=', platform)
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async createPendingSend(platform, workspaceId, userId, request: SendRequest, ttlMs) {
      if (!Number.isFinite(ttlMs) || ttlMs <= 0)
        throw new DeskError('InvalidRequest', 'ttlMs must be positive')
      const now = clock.now()
      const id = newId('pend', now.getTime())
      await db
        .insertInto('chat_pending_sends')
        .values({
          id,
          platform,
          workspace_id: workspaceId,
          user_id: userId,
          request: serializePendingRequest(request),
          created_at: iso(now),
          expires_at: iso(new Date(now.getTime() + ttlMs)),
          used_at: null,
        })
        .execute()
      return id
    },

    async takePendingSend(id, platform, workspaceId) {
      const now = iso(clock.now())
      // One conditional UPDATE decides the winner: of any number of racing clicks exactly one changes the row.
      const taken = await db
        .updateTable('chat_pending_sends')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('platform', '=', platform)
        .where('workspace_id', '=', workspaceId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst()
      if (Number(taken.numUpdatedRows) !== 1) return null
      const row = await db
        .selectFrom('chat_pending_sends')
        .select('request')
        .where('id', '=', id)
        .executeTakeFirst()
      return row ? parsePendingRequest(row.request) : null
    },

    async saveThread(thread) {
      const now = clock.now()
      const row = {
        id: newId('thr', now.getTime()),
        platform: thread.platform,
        workspace_id: thread.workspaceId,
        batch_id: thread.batchId,
        channel: thread.channel,
        message_ref: thread.messageRef,
        conversation: thread.conversation ?? null,
        created_at: iso(now),
      }
      await db.insertInto('chat_threads').values(row).execute()
      return rowToThread(row)
    },

    async threadsForBatch(batchId) {
      const rows = await db
        .selectFrom('chat_threads')
        .selectAll()
        .where('batch_id', '=', batchId)
        .orderBy('id')
        .execute()
      return rows.map(rowToThread)
    },

    async unfinishedThreadBatches() {
      const rows = await db
        .selectFrom('chat_threads')
        .select('chat_threads.batch_id')
        .distinct()
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('messages')
              .select('messages.id')
              .whereRef('messages.batch_id', '=', 'chat_threads.batch_id')
              .where('messages.status_code', 'in', NOT_FINAL_CODES),
          ),
        )
        .orderBy('chat_threads.batch_id')
        .execute()
      return rows.map((r) => r.batch_id)
    },

    async threadByRef(platform, channel, messageRef) {
      const row = await db
        .selectFrom('chat_threads')
        .selectAll()
        .where('platform', '=', platform)
        .where('channel', '=', channel)
        .where('message_ref', '=', messageRef)
        .orderBy('id', 'desc')
        .executeTakeFirst()
      return row ? rowToThread(row) : null
    },

    async latestThreadIn(platform, channel) {
      const row = await db
        .selectFrom('chat_threads')
        .selectAll()
        .where('platform', '=', platform)
        .where('channel', '=', channel)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst()
      return row ? rowToThread(row) : null
    },

    async recentThreadForNumber(accountId, number, withinMs) {
      const since = iso(new Date(clock.now().getTime() - withinMs))
      const row = await db
        .selectFrom('messages')
        .innerJoin('chat_threads', 'chat_threads.batch_id', 'messages.batch_id')
        .selectAll('chat_threads')
        .select('messages.id as message_id')
        .where('messages.account_id', '=', accountId)
        .where('messages.recipient', '=', number)
        .where('messages.created_at', '>=', since)
        .orderBy('messages.created_at', 'desc')
        .orderBy('messages.id', 'desc')
        .orderBy('chat_threads.id', 'desc')
        .executeTakeFirst()
      if (!row) return null
      const { message_id, ...thread } = row
      return { thread: rowToThread(thread), messageId: message_id }
    },
  }
}

function rowToWorkspace(row: Selectable<ChatWorkspacesTable>): ChatWorkspace {
  return { platform: row.platform, workspaceId: row.workspace_id, accountId: row.account_id, lang: row.lang }
}

function rowToThread(row: Selectable<ChatThreadsTable>): ChatThread {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    batchId: row.batch_id,
    channel: row.channel,
    messageRef: row.message_ref,
    conversation: row.conversation,
    createdAt: new Date(row.created_at),
  }
}
