/** The neutral answer every command produces; renderers turn it into Block Kit or an Adaptive Card. */

export type Tone = 'info' | 'success' | 'warning' | 'error'

export interface AnswerField {
  label: string
  value: string
}

/** Every button the bot draws; adapters route a click on any of them to `handleButton`. */
export const BUTTON_ACTIONS = [
  'confirm_send',
  'cancel_send',
  'confirm_credit',
  'cancel_credit',
  'run_command',
  'support_resolve',
  'support_reopen',
] as const

/**
 * A button's `action` says what a click means; `value` is the opaque id it carries (e.g. a pending send), or for
 * `run_command` the command text it runs for whoever clicks (only what they could type themselves).
 */
export interface AnswerButton {
  action: (typeof BUTTON_ACTIONS)[number]
  label: string
  value: string
  style: 'primary' | 'danger' | 'default'
}

export interface Answer {
  title: string
  tone: Tone
  /** A paragraph under the title. */
  text?: string
  fields?: AnswerField[]
  list?: string[]
  buttons?: AnswerButton[]
  /** Small print at the bottom. */
  note?: string
  /** Only the person who asked sees it (Slack ephemeral); a shared channel sees the rest. */
  private: boolean
  /** Set when the answer reports a send that the platform should keep current as statuses change. */
  /** A send whose chat message is kept current; `final` once every message has its final status. */
  track?: { batchId: string; accountId: string; final?: boolean }
}
