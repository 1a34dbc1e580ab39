/**
 * Bolt's `InstallationStore` over `desk.slackInstallations`: tokens are sealed on the way in and opened on the way
 * out, so the database only ever holds sealed text. User tokens are not kept (the app asks for no user scopes).
 */

import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth'
import type { Desk, SlackInstallation, SlackInstallationQuery } from '@smsdesk/core'
import type { TokenSeal } from './token-seal.ts'

/** No installation for a workspace (never installed, or uninstalled): its requests and updates stop quietly. */
export class NotInstalledError extends Error {
  override readonly name = 'NotInstalledError'
  constructor() {
    super('This Slack workspace has not installed the app (or has uninstalled it)')
  }
}

export function createInstallationStore(desk: Desk, seal: TokenSeal): Required<InstallationStore> {
  const store = desk.slackInstallations
  return {
    async storeInstallation(installation) {
      const bot = installation.bot
      if (!bot) throw new Error('A Slack installation without a bot token cannot be used by smsdesk')
      const where = {
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
      }
      const key = bindingOf(where)
      await store.save({
        ...where,
        appId: installation.appId ?? null,
        botId: bot.id || null,
        botUserId: bot.userId,
        botTokenSealed: seal.seal(bot.token, key),
        botRefreshTokenSealed: bot.refreshToken ? seal.seal(bot.refreshToken, key) : null,
        botTokenExpiresAt: bot.expiresAt ?? null,
        botScopes: bot.scopes,
        installerUserId: installation.user.id || null,
      })
    },

    async fetchInstallation(query) {
      const found = await store.find(queryOf(query))
      if (!found) throw new NotInstalledError()
      return toInstallation(found, seal)
    },

    async deleteInstallation(query) {
      await store.remove(queryOf(query))
    },
  }
}

function queryOf(query: InstallationQuery<boolean>): SlackInstallationQuery {
  return {
    teamId: query.teamId ?? null,
    enterpriseId: query.enterpriseId ?? null,
    isEnterpriseInstall: query.isEnterpriseInstall,
  }
}

/** What a sealed token is bound to: the row it belongs to. */
function bindingOf(i: Pick<SlackInstallation, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>): string {
  return i.isEnterpriseInstall ? `E:${i.enterpriseId ?? ''}` : `T:${i.teamId ?? ''}`
}

function toInstallation(found: SlackInstallation, seal: TokenSeal): Installation<'v2', boolean> {
  const key = bindingOf(found)
  return {
    team: found.teamId === null ? undefined : { id: found.teamId },
    enterprise: found.enterpriseId === null ? undefined : { id: found.enterpriseId },
    user: { id: found.installerUserId ?? '', token: undefined, scopes: undefined },
    bot: {
      id: found.botId ?? '',
      userId: found.botUserId,
      token: seal.open(found.botTokenSealed, key),
      scopes: found.botScopes,
      ...(found.botRefreshTokenSealed === null
        ? {}
        : { refreshToken: seal.open(found.botRefreshTokenSealed, key) }),
      ...(found.botTokenExpiresAt === null ? {} : { expiresAt: found.botTokenExpiresAt }),
    },
    ...(found.appId === null ? {} : { appId: found.appId }),
    tokenType: 'bot',
    isEnterpriseInstall: found.isEnterpriseInstall,
    // Token rotation needs it: InstallProvider refreshes only v2 installations.
    authVersion: 'v2',
  } as Installation<'v2', boolean>
}
