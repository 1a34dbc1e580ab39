/**
 * The compose form (Slack modal, Teams card): which fields it has, and its submission turned into the same `send`
 * command people type, answered by the same command layer (quote, confirmation, live message).
 */

import type { Lang } from '@smsdesk/core'
import { CONVERSATION_TEXTS } from '../i18n/conversation.ts'
import { DEFAULT_LANG, messages } from '../i18n/index.ts'
import type { Answer } from './answer.ts'
import { type CommandContext, commandPrefix, settingsOf } from './context.ts'
import { handleCommand } from './handle.ts'
import { problemAnswer } from './help.ts'
import { parseCommand } from './parse.ts'
import { resolveTime, zoneOffsetMinutes } from './when.ts'

export const COMPOSE_FIELDS = ['recipients', 'text', 'sendAt'] as const
export type ComposeField = (typeof COMPOSE_FIELDS)[number]
export type ComposeValues = Partial<Record<ComposeField, string>>

export interface ComposeForm {
  title: string
  submit: string
  cancel: string
  fields: { id: ComposeField; label: string; hint: string | null; multiline: boolean; optional: boolean }[]
}

/** The form in the workspace's language. */
export async function composeForm(ctx: CommandContext): Promise<ComposeForm> {
  const c = CONVERSATION_TEXTS[await langOf(ctx)]
  return {
    title: c.composeTitle,
    submit: c.composeSubmit,
    cancel: c.composeCancel,
    fields: [
      {
        id: 'recipients',
        label: c.composeRecipients,
        hint: c.composeRecipientsHint,
        multiline: true,
        optional: false,
      },
      { id: 'text', label: c.composeText, hint: null, multiline: true, optional: false },
      { id: 'sendAt', label: c.composeSendAt, hint: c.composeSendAtHint, multiline: false, optional: true },
    ],
  }
}

/** Field errors to show on the form, or the answer the typed command would have given. */
export type ComposeOutcome =
  /** `answer` says the same as `errors`, for platforms that cannot mark a field (a Teams card). */
  { ok: false; errors: Partial<Record<ComposeField, string>>; answer: Answer } | { ok: true; answer: Answer }

/** A submitted form: checked field by field, then answered exactly as `send <recipients> <text>` typed. */
export async function submitCompose(ctx: CommandContext, values: ComposeValues): Promise<ComposeOutcome> {
  const lang = await langOf(ctx)
  const c = CONVERSATION_TEXTS[lang]
  // One recipient per line or between commas, as the typed command's comma list.
  const recipients = (values.recipients ?? '')
    .split(/[,;\n]+/)
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .join(',')
  const text = (values.text ?? '').trim()
  const errors: Partial<Record<ComposeField, string>> = {}
  if (recipients === '') errors.recipients = c.composeMissing
  if (text === '') errors.text = c.composeMissing
  const when = (values.sendAt ?? '').trim()
  const timeZone = settingsOf(ctx).timeZone
  // The plain shape first; otherwise what the typed command reads (`kl 9 imorgon`, `tomorrow 09:00`).
  const sendAt =
    when === ''
      ? null
      : (parseLocalTime(when, timeZone) ?? resolveTime(when, ctx.desk.clock.now(), timeZone) ?? undefined)
  if (sendAt === undefined) errors.sendAt = c.composeBadTime(when)
  const refuse = (found: Partial<Record<ComposeField, string>>): ComposeOutcome => ({
    ok: false,
    errors: found,
    answer: {
      title: messages(lang).problemTitle,
      tone: 'warning',
      list: [...new Set(Object.values(found))],
      private: true,
    },
  })
  if (Object.keys(errors).length > 0) return refuse(errors)
  const parsed = parseCommand(`send ${recipients} ${text}`)
  if (!parsed.ok) {
    const problem = problemAnswer(parsed.problem, messages(lang), commandPrefix(ctx.platform))
    return refuse({ recipients: problem.text ?? problem.title })
  }
  const command = parsed.command.kind === 'send' && sendAt ? { ...parsed.command, sendAt } : parsed.command
  return { ok: true, answer: await handleCommand(ctx, command) }
}

/**
 * `2026-12-24 09:00` (or with a `T`) read as wall-clock time in `timeZone`; null for nothing given, undefined for
 * anything else (the form then reads free-form times as the typed command does).
 */
export function parseLocalTime(input: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(input.trim())
  if (!m) return undefined
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined
  const asUtc = Date.UTC(y, mo - 1, d, h, mi)
  // The zone's offset at that moment, read back through Intl (twice, so a DST change in between settles).
  let at = asUtc - zoneOffsetMinutes(timeZone, new Date(asUtc)) * 60_000
  at = asUtc - zoneOffsetMinutes(timeZone, new Date(at)) * 60_000
  return new Date(at)
}

async function langOf(ctx: CommandContext): Promise<Lang> {
  const [workspace, support] = await Promise.all([
    ctx.desk.chat.getWorkspace(ctx.platform, ctx.workspaceId),
    ctx.desk.operator.workspaces.get(ctx.platform, ctx.workspaceId),
  ])
  return workspace?.lang ?? support?.lang ?? DEFAULT_LANG
}
