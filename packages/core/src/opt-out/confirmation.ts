/**
 * The confirmation SMS after an opt-out (STOP or a used link) or an opt-in (START): sent from the account's virtual
 * number when its settings ask for it, charged like any SMS, at most one per number and day (UTC), and only when
 * the recipient's own action changed something — never to a number the account had blocked already.
 */
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { Lang } from '../desk.ts'
import type { InternalSending } from '../sending/send.ts'
import { loadOptOutSettings } from './settings.ts'

export type ConfirmedKeyword = 'STOP' | 'START'

export interface OptOutChange {
  accountId: string
  /** The recipient, E.164. */
  number: string
  keyword: ConfirmedKeyword
  /** The virtual number the STOP or START was sent to; null for a link. */
  via: string | null
}

const TEXTS: Record<ConfirmedKeyword, Record<Lang, (account: string) => string>> = {
  STOP: {
    sv: (a) => `Du är avregistrerad från ${a} och får inga fler SMS därifrån. Ångrar du dig? Svara START.`,
    en: (a) =>
      `You are unsubscribed from ${a} and will get no more texts from it. Changed your mind? Reply START.`,
  },
  START: {
    sv: (a) => `Du får SMS från ${a} igen. Svara STOPP om du vill avregistrera dig.`,
    en: (a) => `You will get texts from ${a} again. Reply STOP to unsubscribe.`,
  },
}

/** The confirmation's text for an account, in the language of its opt-out settings. */
export function confirmationText(keyword: ConfirmedKeyword, lang: Lang, accountName: string): string {
  return TEXTS[keyword][lang](accountName)
}

/** Sends the confirmation for a change if the account wants one and the number had none today. Never throws. */
export function createOptOutConfirmer(
  ctx: CoreContext,
  sending: InternalSending,
): (change: OptOutChange) => Promise<void> {
  return async (change) => {
    try {
      await confirm(ctx, sending, change)
    } catch (err) {
      // The opt-out itself is committed; a confirmation that fails must not undo or fail it.
      console.error('smsdesk: the opt-out confirmation SMS could not be sent', err)
    }
  }
}

async function confirm(ctx: CoreContext, sending: InternalSending, change: OptOutChange): Promise<void> {
  const { db } = ctx
  const settings = await loadOptOutSettings(db, change.accountId)
  if (!settings.confirmations) return
  const account = await db
    .selectFrom('accounts')
    .leftJoin('virtual_numbers', 'virtual_numbers.account_id', 'accounts.id')
    .select(['accounts.name', 'virtual_numbers.number'])
    .where('accounts.id', '=', change.accountId)
    .orderBy('virtual_numbers.number')
    .execute()
  const numbers = account.flatMap((a) => (a.number ? [a.number] : []))
  const sender = change.via && numbers.includes(change.via) ? change.via : (numbers[0] ?? null)
  const name = account[0]?.name
  if (!sender || name === undefined) return

  const now = ctx.clock.now()
  const claimed = await db
    .insertInto('opt_out_confirmations')
    .values({
      account_id: change.accountId,
      number: change.number,
      day: iso(now).slice(0, 10),
      keyword: change.keyword,
      batch_id: null,
      created_at: iso(now),
    })
    .onConflict((oc) => oc.columns(['account_id', 'number', 'day']).doNothing())
    .executeTakeFirst()
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) return

  const result = await sending.sendInternal(
    change.accountId,
    {
      sender,
      recipients: [change.number],
      body: confirmationText(change.keyword, settings.lang, name),
      purpose: 'transactional',
      source: 'api',
      createdBy: 'opt-out-confirmation',
    },
    { confirmation: true },
  )
  await db
    .updateTable('opt_out_confirmations')
    .set({ batch_id: result.batchId })
    .where('account_id', '=', change.accountId)
    .where('number', '=', change.number)
    .where('day', '=', iso(now).slice(0, 10))
    .execute()
}
