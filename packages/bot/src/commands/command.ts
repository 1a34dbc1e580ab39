/** The chat commands as data: what `parseCommand` produces and `handleCommand` consumes, on every platform. */

import type { Lang, OperatorRole, Role } from '@smsdesk/core'

export type { Lang, OperatorRole, Role }

export const COMMAND_NAMES = [
  'help',
  'send',
  'status',
  'balance',
  'code',
  'contacts',
  'block',
  'unblock',
  'optout',
  'faq',
  'connect',
  'grant',
  'revoke',
  'lang',
  'account',
  'credit',
  'templates',
  'template',
  'scheduled',
  'cancel',
] as const

export type CommandName = (typeof COMMAND_NAMES)[number]

export type Command =
  | { kind: 'help'; topic: CommandName | null }
  | {
      kind: 'send'
      recipients: string[]
      groups: string[]
      /** Empty with a template. */
      body: string
      template?: { name: string; variables: Record<string, string> }
      /** The time as written (`kl 09:00 imorgon`); the handler reads it in the workspace's time zone. */
      when?: string
      validityHours?: number
      /** An absolute time already read (the compose form's field); wins over `when`. */
      sendAt?: Date
    }
  | { kind: 'templates' }
  | { kind: 'template-save'; name: string; body: string }
  | { kind: 'template-delete'; name: string }
  /** A message id or a batch id. */
  | { kind: 'cancel'; id: string }
  | { kind: 'scheduled' }
  | { kind: 'status-message'; id: string }
  /** `page` 1 is the newest; `status <number> more 2` asks for the next. */
  | { kind: 'status-number'; number: string; page: number }
  | { kind: 'status-batch'; id: string }
  | { kind: 'balance' }
  | { kind: 'code'; query: string }
  | { kind: 'contacts'; search: string | null }
  | { kind: 'block'; number: string }
  | { kind: 'unblock'; number: string }
  | { kind: 'optout' }
  | { kind: 'faq'; question: string }
  | { kind: 'connect'; apiKey: string }
  /** `operator` and `support` only mean something in a support workspace. */
  | { kind: 'grant'; userId: string; role: Role | OperatorRole }
  | { kind: 'revoke'; userId: string }
  | { kind: 'lang'; lang: Lang }
  /** Support workspaces: an account by customer number or name. */
  | { kind: 'account'; query: string }
  /** Support workspaces, operators only: `amount` in minor units (negative for an adjustment). */
  | { kind: 'credit'; account: string; amount: number; reference: string }

/** Why a text is not a command. Language-neutral: the handler words it in the workspace's language. */
export type ParseProblem =
  | { code: 'empty' }
  | { code: 'too_long'; max: number }
  | { code: 'unknown_command'; word: string; suggestion: CommandName | null }
  | { code: 'missing_argument'; command: CommandName; argument: string }
  /** `value` is safe to show: it never carries an API key. */
  | { code: 'bad_argument'; command: CommandName; argument: string; value: string; reason: BadArgumentReason }
  /** The recipients could be read more than one way: this is the reading we would have used, shown, not sent. */
  | { code: 'ambiguous_recipients'; recipients: string[]; groups: string[]; body: string }

export type BadArgumentReason =
  | 'not_a_number'
  | 'number_cut_short'
  | 'unclosed_quote'
  | 'empty_group'
  | 'not_a_mention'
  | 'unknown_role'
  | 'unknown_lang'
  | 'not_an_id'
  | 'not_an_amount'
  | 'too_long'
  | 'extra_words'
  | 'not_a_validity'
  | 'not_a_template_name'

export type ParseResult = { ok: true; command: Command } | { ok: false; problem: ParseProblem }
