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
}

/** `desk.operator.workspaces` over the store in `ctx`. */
export function createSupportWorkspacesApi(ctx: CoreContext): SupportWorkspacesApi {
  const { db, clock } = ctx

  async function get(platform: Platform, workspaceId: string): Promise<SupportWorkspace | null> {
    const row = await db
      .selectFrom('support_workspaces')
      .innerJoin('operators', 'operators.id', 'support_workspaces.operator_id')
      .select([
        'support_workspaces.platform',
        'support_workspaces.workspace_id',
        'support_workspaces.operator_id',
        'support_workspaces.lang',
        'operators.name',
      ])
      .where('support_workspaces.platform', '=', platform)
      .where('support_workspaces.workspace_id', '=', workspaceId)
      .executeTakeFirst()
    return row
      ? {
          platform: row.platform,
          workspaceId: row.workspace_id,
          operatorId: row.operator_id,
          operatorName: row.name,
          lang: row.lang,
        }
      : null
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
  }
}
