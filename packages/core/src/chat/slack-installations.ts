/**
 * Slack workspaces that installed the app by OAuth: who installed it, the bot's identity and scopes, and its
 * tokens as the bot sealed them. The store keeps the sealed text only; it cannot read a token.
 */
import type { Selectable } from 'kysely'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { SlackInstallationsTable } from '../store/schema.ts'

export interface SlackInstallation {
  /** Null for an org-wide Enterprise Grid install. */
  teamId: string | null
  enterpriseId: string | null
  isEnterpriseInstall: boolean
  appId: string | null
  botId: string | null
  botUserId: string
  /** The bot token, sealed by the bot (never clear text). */
  botTokenSealed: string
  /** With token rotation: the refresh token, sealed, and when the bot token expires (Unix seconds). */
  botRefreshTokenSealed: string | null
  botTokenExpiresAt: number | null
  botScopes: string[]
  installerUserId: string | null
  /** First install (a reinstall after an uninstall starts again). */
  installedAt: Date
  /** Last install or token refresh. */
  updatedAt: Date
}

/** Which installation a Slack request belongs to. */
export interface SlackInstallationQuery {
  teamId?: string | null
  enterpriseId?: string | null
  isEnterpriseInstall?: boolean
}

/** `desk.slackInstallations`: the store of OAuth installations. */
export interface SlackInstallationsApi {
  /** Saves an install, a reinstall or refreshed tokens; the first install time stays. */
  save(installation: Omit<SlackInstallation, 'installedAt' | 'updatedAt'>): Promise<void>
  /** The workspace's own install, else its organisation's org-wide install; null when neither exists. */
  find(query: SlackInstallationQuery): Promise<SlackInstallation | null>
  /** Removes the install a query names (after `app_uninstalled` or `tokens_revoked`); false if there was none. */
  remove(query: SlackInstallationQuery): Promise<boolean>
}

type Row = Selectable<SlackInstallationsTable>

export function createSlackInstallations(ctx: CoreContext): SlackInstallationsApi {
  const { db, clock } = ctx

  async function byKey(key: string): Promise<SlackInstallation | null> {
    const row = await db
      .selectFrom('slack_installations')
      .selectAll()
      .where('install_key', '=', key)
      .executeTakeFirst()
    return row ? rowToInstallation(row) : null
  }

  return {
    async save(i) {
      const now = iso(clock.now())
      const values = {
        team_id: i.teamId,
        enterprise_id: i.enterpriseId,
        is_enterprise_install: i.isEnterpriseInstall ? 1 : 0,
        app_id: i.appId,
        bot_id: i.botId,
        bot_user_id: i.botUserId,
        bot_token_sealed: i.botTokenSealed,
        bot_refresh_token_sealed: i.botRefreshTokenSealed,
        bot_token_expires_at: i.botTokenExpiresAt,
        bot_scopes: i.botScopes.join(','),
        installer_user_id: i.installerUserId,
        updated_at: now,
      }
      await db
        .insertInto('slack_installations')
        .values({ install_key: keyOf(i), ...values, installed_at: now })
        .onConflict((oc) => oc.column('install_key').doUpdateSet(values))
        .execute()
    },

    async find(query) {
      const key = queryKey(query)
      const own = key === null ? null : await byKey(key)
      if (own || query.isEnterpriseInstall || !query.enterpriseId) return own
      return byKey(`E:${query.enterpriseId}`)
    },

    async remove(query) {
      const key = queryKey(query)
      if (key === null) return false
      const result = await db
        .deleteFrom('slack_installations')
        .where('install_key', '=', key)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
  }
}

function keyOf(i: Pick<SlackInstallation, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>): string {
  const key = queryKey(i)
  if (key === null) throw new Error('A Slack installation needs a team id or an enterprise id')
  return key
}

function queryKey(q: SlackInstallationQuery): string | null {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`
  if (q.teamId) return `T:${q.teamId}`
  return q.enterpriseId ? `E:${q.enterpriseId}` : null
}

function rowToInstallation(row: Row): SlackInstallation {
  return {
    teamId: row.team_id,
    enterpriseId: row.enterprise_id,
    isEnterpriseInstall: row.is_enterprise_install === 1,
    appId: row.app_id,
    botId: row.bot_id,
    botUserId: row.bot_user_id,
    botTokenSealed: row.bot_token_sealed,
    botRefreshTokenSealed: row.bot_refresh_token_sealed,
    botTokenExpiresAt: row.bot_token_expires_at === null ? null : Number(row.bot_token_expires_at),
    botScopes: row.bot_scopes === '' ? [] : row.bot_scopes.split(','),
    installerUserId: row.installer_user_id,
    installedAt: new Date(row.installed_at),
    updatedAt: new Date(row.updated_at),
  }
}
