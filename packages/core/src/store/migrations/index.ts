/** Every migration, by date-prefixed name; Kysely's Migrator runs them in name order at start-up. */
import type { Migration } from 'kysely'
import * as initial from './2026-11-25-initial.ts'
import * as webhookDeliveriesByMessage from './2026-11-25-webhook-deliveries-by-message.ts'
import * as messagesByAccountDue from './2026-12-01-messages-by-account-due.ts'
import * as operators from './2026-12-02-operators.ts'
import * as supportWorkspaces from './2026-12-02-support-workspaces.ts'
import * as unsubscribeService from './2026-12-02-unsubscribe-service.ts'
import * as workspacesInstalledByOAuth from './2026-12-02-workspaces-installed-by-oauth.ts'
import * as handOvers from './2026-12-03-outbox-hand-overs.ts'
import * as webhookDeliveriesByAccount from './2026-12-03-webhook-deliveries-by-account.ts'
import * as messagesClaimable from './2026-12-04-messages-claimable.ts'
import * as templates from './2026-12-05-templates.ts'
import * as faqFeedback from './2026-12-06-faq-feedback.ts'
import * as supportConversations from './2026-12-06-support-conversations.ts'
import * as faqDrafts from './2026-12-07-faq-drafts.ts'
import * as supportWorkspaceChannel from './2026-12-07-support-workspace-channel.ts'
import * as messageHistoryByMessage from './2026-12-08-message-history-by-message.ts'
import * as messagesByRecipientOnce from './2026-12-08-messages-by-recipient-once.ts'
import * as virtualNumbersByAccount from './2026-12-09-virtual-numbers-by-account.ts'
import * as messagesIndexedOnceKnown from './2026-12-10-messages-indexed-once-known.ts'
import * as accountSettingsVersion from './2026-12-11-account-settings-version.ts'
import * as messagesStoredById from './2026-12-12-messages-stored-by-id.ts'
import * as historyInMessageRow from './2026-12-13-history-in-message-row.ts'
import * as messagesStoredByRowid from './2026-12-14-messages-stored-by-rowid.ts'

export const migrations: Record<string, Migration> = {
  '2026-11-25-initial': initial,
  '2026-11-25-webhook-deliveries-by-message': webhookDeliveriesByMessage,
  '2026-12-01-messages-by-account-due': messagesByAccountDue,
  '2026-12-02-operators': operators,
  '2026-12-02-support-workspaces': supportWorkspaces,
  '2026-12-02-unsubscribe-service': unsubscribeService,
  '2026-12-02-workspaces-installed-by-oauth': workspacesInstalledByOAuth,
  '2026-12-03-outbox-hand-overs': handOvers,
  '2026-12-03-webhook-deliveries-by-account': webhookDeliveriesByAccount,
  '2026-12-04-messages-claimable': messagesClaimable,
  '2026-12-05-templates': templates,
  '2026-12-06-faq-feedback': faqFeedback,
  '2026-12-06-support-conversations': supportConversations,
  '2026-12-07-faq-drafts': faqDrafts,
  '2026-12-07-support-workspace-channel': supportWorkspaceChannel,
  '2026-12-08-message-history-by-message': messageHistoryByMessage,
  '2026-12-08-messages-by-recipient-once': messagesByRecipientOnce,
  '2026-12-09-virtual-numbers-by-account': virtualNumbersByAccount,
  '2026-12-10-messages-indexed-once-known': messagesIndexedOnceKnown,
  '2026-12-11-account-settings-version': accountSettingsVersion,
  '2026-12-12-messages-stored-by-id': messagesStoredById,
  '2026-12-13-history-in-message-row': historyInMessageRow,
  '2026-12-14-messages-stored-by-rowid': messagesStoredByRowid,
}
