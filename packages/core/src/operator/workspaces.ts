/** `desk.operator.workspaces`: chat workspaces linked with an operator key, where support staff look across accounts. */
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { Lang } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { isOperatorRole, type OperatorRole } from './staff.ts'

type Platform = 'slack' | 'teams'

export interface SupportWorkspace {
  platform: Platform
  workspaceId: string
  /** The operator whose key linked it: every look-up there is audited under them and the chat user. */
  operatorId: string
  operatorName: string
  lang: Lang
  /** Where widget support conversations are posted, as the platform needs it (Teams: a conversation reference). */
  supportChannel: string | null
}

export interface SupportWorkspacesApi {
  get(platform: Platform, workspaceId: string): Promise<SupportWorkspace | null>
  /** Links (or re-links) the workspace under the operator and gives `linkedBy` the key's role there. */
  link(
    platform: Platform,
    workspaceId: string,
    operatorId: string,
    linkedBy: string,
    role: OperatorRole,
  ): Promise<SupportWorkspace>
  /** The person's role in the support workspace; null for anyone nobody granted one. */
  memberRole(platform: Platform, workspaceId: string, userId: string): Promise<OperatorRole | null>
  setMemberRole(platform: Platform, workspaceId: string, userId: string, role: OperatorRole): Promise<void>
  removeMember(platform: Platform, workspaceId: string, userId: string): Promise<boolean>
  setLang(platform: Platform, workspaceId: string, lang: Lang): Promise<void>
  /** Records (or clears) where the workspace wants widget support conversations. */
  setSupportChannel(platform: Platform, workspaceId: string, channel: string | null): Promise<void>
  /** The most recently linked support workspace on the platform that has a support channel; null if none has. */
  withSupportChannel(platform: Platform): Promise<SupportWorkspace | null>
}

/** `desk.operator.workspaces` over the store in `ctx`. */
export function createSupportWorkspacesApi(ctx: CoreContext): SupportWorkspacesApi {
  const { db, clock } = ctx

  const selectWorkspaces = () =>
    db
      .selectFrom('support_workspaces')
      .innerJoin('operators', 'operators.id', 'support_workspaces.operator_id')
      .select([
        'support_workspaces.platform',
        'support_workspaces.workspace_id',
        'support_workspaces.operator_id',
        'support_workspaces.lang',
        'support_workspaces.support_channel',
        'operators.name',
      ])

  type WorkspaceRow = NonNullable<
    Awaited<ReturnType<ReturnType<typeof selectWorkspaces>['executeTakeFirst']>>
  >
  const rowToWorkspace = (row: WorkspaceRow): SupportWorkspace => ({
    platform: row.platform,
    workspaceId: row.workspace_id,
    operatorId: row.operator_id,
    operatorName: row.name,
    lang: row.lang,
    supportChannel: row.support_channel,
  })

  async function get(platform: Platform, workspaceId: string): Promise<SupportWorkspace | null> {
    const row = await selectWorkspaces()
      .where('support_workspaces.platform', '=', platform)
      .where('support_workspaces.workspace_id', '=', workspaceId)
      .executeTakeFirst()
    return row ? rowToWorkspace(row) : null
  }

  async function setMemberRole(platform: Platform, workspaceId: string, userId: string, role: OperatorRole) {
    if (!isOperatorRole(role)) throw new DeskError('InvalidRequest', 'Role must be operator or support')
    await db
      .insertInto('support_members')
      .values({ platform, workspace_id: workspaceId, user_id: userId, role, created_at: iso(clock.now()) })
      .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'user_id']).doUpdateSet({ role }))
      .execute()
  }

  return {
    get,
    async link(platform, workspaceId, operatorId, linkedBy, role) {
      await db
        .insertInto('support_workspaces')
        .values({
          platform,
          workspace_id: workspaceId,
          operator_id: operatorId,
          lang: 'sv',
          linked_by: linkedBy,
          created_at: iso(clock.now()),
        })
        .onConflict((oc) =>
          oc
            .columns(['platform', 'workspace_id'])
            .doUpdateSet({ operator_id: operatorId, linked_by: linkedBy }),
        )
        .execute()
      await setMemberRole(platform, workspaceId, linkedBy, role)
      const linked = await get(platform, workspaceId)
      if (!linked) throw new Error('support workspace vanished right after it was linked')
      return linked
    },
    async memberRole(platform, workspaceId, userId) {
      const row = await db
        .selectFrom('support_members')
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
        .deleteFrom('support_members')
        .where('platform', '=', platform)
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
    async setLang(platform, workspaceId, lang) {
      if (lang !== 'sv' && lang !== 'en') throw new DeskError('InvalidRequest', 'Language must be sv or en')
      await db
        .updateTable('support_workspaces')
        .set({ lang })
        .where('platform', '=', platform)
        .where('workspace_id', '=', workspaceId)
        .execute()
    },
    async setSupportChannel(platform, workspaceId, channel) {
      await db
        .updateTable('support_workspaces')
        .set({ support_channel: channel })
        .where('platform', '=', platform)
        .where('workspace_id', '=', workspaceId)
        .execute()
    },
    async withSupportChannel(platform) {
      const row = await selectWorkspaces()
        .where('support_workspaces.platform', '=', platform)
        .where('support_workspaces.support_channel', 'is not', null)
        .orderBy('support_workspaces.created_at', 'desc')
        .executeTakeFirst()
      return row ? rowToWorkspace(row) : null
    },
  }
}
