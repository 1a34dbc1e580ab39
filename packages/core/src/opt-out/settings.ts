/** An account's opt-out settings: which opt-out its messages carry, in which words, and when one is required. */
import type { Kysely, Selectable, Updateable } from 'kysely'
import { iso } from '../context.ts'
import type { Lang } from '../desk.ts'
import { DeskError } from '../errors.ts'
import type { Database, OptOutSettingsTable } from '../store/schema.ts'

export const OPT_OUT_MODES = ['off', 'link', 'reply'] as const
export type OptOutMode = (typeof OPT_OUT_MODES)[number]

/** Where the link goes in a link text, and the virtual number in a reply text. */
export const LINK_PLACEHOLDER = '{link}'
export const NUMBER_PLACEHOLDER = '{number}'
export const MAX_OPT_OUT_TEXT = 120

/** The product's own wording, used until an account writes its own. */
export const DEFAULT_OPT_OUT_TEXTS: { link: Record<Lang, string>; reply: Record<Lang, string> } = {
  link: { sv: 'Avregistrera: {link}', en: 'Unsubscribe: {link}' },
  reply: {
    sv: 'Svara STOPP till {number} för att avregistrera dig',
    en: 'Reply STOP to {number} to unsubscribe',
  },
}

export interface OptOutSettings {
  mode: OptOutMode
  /** Which of the two texts goes into the messages. */
  lang: Lang
  /** Introduces the link; must hold `{link}` once. */
  linkText: Record<Lang, string>
  /** Asks for STOP; `{number}` becomes the account's virtual number. */
  replyText: Record<Lang, string>
  /** Marketing sends (anything not marked transactional) are refused while no opt-out can be added. */
  requiredForMarketing: boolean
  /** After STOP, a used link or START, one confirmation SMS from the account's virtual number (charged). */
  confirmations: boolean
  updatedAt: Date | null
}

export interface OptOutSettingsUpdate {
  mode?: OptOutMode
  lang?: Lang
  /** A text set to null returns to the default. */
  linkText?: Partial<Record<Lang, string | null>>
  replyText?: Partial<Record<Lang, string | null>>
  requiredForMarketing?: boolean
  confirmations?: boolean
}

type Row = Selectable<OptOutSettingsTable>

/** The account's settings; an account that never saved any has the defaults (mode off). */
export async function loadOptOutSettings(db: Kysely<Database>, accountId: string): Promise<OptOutSettings> {
  const row = await db
    .selectFrom('opt_out_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  return rowToSettings(row)
}

/** The settings a stored row (or none) means. */
export function rowToSettings(row: Row | undefined): OptOutSettings {
  const d = DEFAULT_OPT_OUT_TEXTS
  return {
    mode: row?.mode ?? 'off',
    lang: row?.lang ?? 'sv',
    linkText: { sv: row?.link_text_sv ?? d.link.sv, en: row?.link_text_en ?? d.link.en },
    replyText: { sv: row?.reply_text_sv ?? d.reply.sv, en: row?.reply_text_en ?? d.reply.en },
    requiredForMarketing: Number(row?.required_for_marketing ?? 0) === 1,
    confirmations: Number(row?.confirmations ?? 0) === 1,
    updatedAt: row ? new Date(row.updated_at) : null,
  }
}

/** Checks an update's shape and texts; throws `InvalidRequest` naming the field. */
export function checkSettingsUpdate(update: OptOutSettingsUpdate): void {
  if (update.mode !== undefined && !OPT_OUT_MODES.includes(update.mode))
    invalid('mode must be off, link or reply.', 'mode')
  if (update.lang !== undefined && update.lang !== 'sv' && update.lang !== 'en')
    invalid('lang must be sv or en.', 'lang')
  for (const lang of ['sv', 'en'] as const) {
    const link = update.linkText?.[lang]
    if (link !== undefined && link !== null) {
      checkText(link, `linkText.${lang}`)
      if (link.split(LINK_PLACEHOLDER).length !== 2)
        invalid(`linkText.${lang} must contain ${LINK_PLACEHOLDER} exactly once.`, `linkText.${lang}`)
    }
    const reply = update.replyText?.[lang]
    if (reply !== undefined && reply !== null) {
      checkText(reply, `replyText.${lang}`)
      if (reply.includes(LINK_PLACEHOLDER))
        invalid(`replyText.${lang} has no link to show; leave out ${LINK_PLACEHOLDER}.`, `replyText.${lang}`)
    }
  }
}

function checkText(text: unknown, field: string): void {
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_OPT_OUT_TEXT)
    invalid(`${field} must be text of 1 to ${MAX_OPT_OUT_TEXT} characters.`, field)
  if (/[\r\n]/.test(text)) invalid(`${field} must be one line: it is added after a line break.`, field)
}

/** Writes the update over the current settings (creating the row on first save) and returns the result. */
export async function saveOptOutSettings(
  db: Kysely<Database>,
  accountId: string,
  update: OptOutSettingsUpdate,
  now: Date,
): Promise<void> {
  const values: Updateable<OptOutSettingsTable> = { updated_at: iso(now) }
  if (update.mode !== undefined) values.mode = update.mode
  if (update.lang !== undefined) values.lang = update.lang
  if (update.linkText?.sv !== undefined) values.link_text_sv = update.linkText.sv
  if (update.linkText?.en !== undefined) values.link_text_en = update.linkText.en
  if (update.replyText?.sv !== undefined) values.reply_text_sv = update.replyText.sv
  if (update.replyText?.en !== undefined) values.reply_text_en = update.replyText.en
  if (update.requiredForMarketing !== undefined)
    values.required_for_marketing = update.requiredForMarketing ? 1 : 0
  if (update.confirmations !== undefined) values.confirmations = update.confirmations ? 1 : 0
  await db
    .insertInto('opt_out_settings')
    .values({
      account_id: accountId,
      mode: 'off',
      lang: 'sv',
      required_for_marketing: 0,
      confirmations: 0,
      updated_at: iso(now),
      ...values,
    })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute()
}

function invalid(message: string, field: string): never {
  throw new DeskError('InvalidRequest', message, { details: { field } })
}
