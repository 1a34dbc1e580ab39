/** Who is asking, from where, and the knobs that shape answers: everything a command handler is given. */

import type { Desk } from '@smsdesk/core'

export type Platform = 'slack' | 'teams'

export interface HandlerSettings {
  /** A send to more recipients than this asks for confirmation first. */
  confirmAboveRecipients: number
  /** A send costing more than this (minor units, account currency) asks for confirmation first. */
  confirmAboveAmount: number
  /** How long Send/Cancel buttons work. */
  pendingTtlMs: number
  /** Sender for chat sends; else the account's first registered sender or virtual number. */
  defaultSender: string | null
  /** Zone used to show times to people. */
  timeZone: string
  /** The server's public address, for links to its pages (help articles); null when answers link nowhere. */
  publicUrl: string | null
}

export const DEFAULT_SETTINGS: HandlerSettings = {
  confirmAboveRecipients: 10,
  confirmAboveAmount: 10_000,
  pendingTtlMs: 15 * 60_000,
  defaultSender: null,
  timeZone: 'Europe/Stockholm',
  publicUrl: null,
}

export interface CommandContext {
  desk: Desk
  platform: Platform
  /** Slack team id or Teams tenant id. */
  workspaceId: string
  userId: string
  channel: string
  settings?: Partial<HandlerSettings>
  /** How to name a person in an answer; Slack's `<@id>` by default. */
  mention?: (userId: string) => string
  /** Makes a repeated platform delivery of the same request send nothing new. */
  idempotencyKey?: string
  /**
   * When asked in a channel the bot can post to later (Teams: the channel's conversation reference, JSON): linking
   * a support workspace from here makes it the support channel for widget conversations.
   */
  channelReference?: string
}

/** `/sms ` on Slack; on Teams people just write to the bot. */
export function commandPrefix(platform: Platform): string {
  return platform === 'slack' ? '/sms ' : ''
}

export function settingsOf(ctx: CommandContext): HandlerSettings {
  return { ...DEFAULT_SETTINGS, ...ctx.settings }
}

export function mentionOf(ctx: CommandContext, userId: string): string {
  return ctx.mention ? ctx.mention(userId) : `<@${userId}>`
}
