/**
 * Which token a Web API call for a workspace uses: in single-workspace mode the one `SLACK_BOT_TOKEN`; with OAuth
 * that workspace's own installation (through InstallProvider's `authorize`, which refreshes rotated tokens).
 * A workspace without an installation has no client: its updates stop quietly instead of trying someone's token.
 */

import { webApi } from '@slack/bolt'
import type { InstallProvider } from '@slack/oauth'
import { NotInstalledError } from './oauth/installation-store.ts'

export type SlackWebClient = InstanceType<typeof webApi.WebClient>

export interface SlackClientOptions {
  slackApiUrl: string
  timeout: number
  retryConfig: { retries: number; minTimeout: number; maxTimeout: number }
}

export interface SlackClients {
  /** The client carrying `teamId`'s own token; null when that workspace has no installation. */
  forTeam(teamId: string): Promise<SlackWebClient | null>
  /**
   * Runs a Web API call with `teamId`'s own client. `'gone'`, without calling, when the workspace has no
   * installation, or when Slack says its token no longer works: nothing to retry.
   */
  withTeam(teamId: string, call: (client: SlackWebClient) => Promise<unknown>): Promise<'gone' | undefined>
  /** Forgets a workspace's client (after an uninstall). */
  forget(teamId: string): void
}

export function singleWorkspaceClients(client: SlackWebClient): SlackClients {
  return withTeamOver({ forTeam: async () => client, forget: () => {} })
}

export function installedClients(installer: InstallProvider, options: SlackClientOptions): SlackClients {
  /** One client per workspace, replaced when its token changes (rotation, reinstall). */
  const clients = new Map<string, { token: string; client: SlackWebClient }>()
  return withTeamOver({
    async forTeam(teamId) {
      let token: string | undefined
      try {
        token = (await installer.authorize({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }))
          .botToken
      } catch (err) {
        if (isNotInstalled(err)) {
          clients.delete(teamId)
          return null
        }
        throw err
      }
      if (!token) return null
      const known = clients.get(teamId)
      if (known?.token === token) return known.client
      const client = new webApi.WebClient(token, { ...options, logLevel: webApi.LogLevel.ERROR })
      clients.set(teamId, { token, client })
      return client
    },
    forget: (teamId) => {
      clients.delete(teamId)
    },
  })
}

function withTeamOver(base: Omit<SlackClients, 'withTeam'>): SlackClients {
  return {
    ...base,
    async withTeam(teamId, call) {
      const client = await base.forTeam(teamId)
      if (!client) return 'gone'
      try {
        await call(client)
      } catch (err) {
        if (isDeadToken(err)) return 'gone'
        throw err
      }
      return undefined
    },
  }
}

/** InstallProvider (and Bolt) wrap the store's error; the original says whether the workspace is gone. */
export function isNotInstalled(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = (e as { original?: unknown }).original)
    if (e instanceof NotInstalledError) return true
  return false
}

/** Slack's answers meaning the token no longer works: retrying with it only repeats the failure. */
const DEAD_TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'team_disabled',
  'app_uninstalled',
])

export function isDeadToken(err: unknown): boolean {
  const e = err as { code?: string; data?: { error?: string } } | null
  return e?.code === 'slack_webapi_platform_error' && DEAD_TOKEN_ERRORS.has(e.data?.error ?? '')
}
