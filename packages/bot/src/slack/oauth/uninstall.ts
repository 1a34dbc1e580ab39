/**
 * `app_uninstalled` and `tokens_revoked` (with a bot token): the workspace's installation is deleted and its client
 * forgotten, so nothing uses the dead token again. Its link to an SMS account is kept, so a reinstall resumes.
 */

import type { Desk } from '@smsdesk/core'
import type { SlackClients } from '../clients.ts'

/** The parts of an Events API envelope that say whose installation it is. */
export interface UninstallBody {
  team_id?: string
  enterprise_id?: string
  authorizations?: unknown
}

export async function removeInstallation(
  desk: Desk,
  clients: SlackClients,
  body: UninstallBody,
): Promise<void> {
  const first = (Array.isArray(body.authorizations) ? body.authorizations[0] : undefined) as
    | { is_enterprise_install?: boolean }
    | undefined
  await desk.slackInstallations.remove({
    teamId: body.team_id ?? null,
    enterpriseId: body.enterprise_id ?? null,
    isEnterpriseInstall: first?.is_enterprise_install === true,
  })
  if (body.team_id) clients.forget(body.team_id)
}
