/** `desk.optOut`: the account's opt-out settings, the add-on services, and the links recipients use. */
import { requireAccount } from '../accounts/scope.ts'
import { DEFAULT_COUNTRY, toE164 } from '../contacts/number.ts'
import { describeToken, optOutTokenFor, useToken } from '../contacts/opt-out.ts'
import type { CoreContext } from '../context.ts'
import { DeskError } from '../errors.ts'
import { writeTransaction } from '../messages/transaction.ts'
import { effectiveMode } from '../sending/opt-out-addition.ts'
import type { OptOutChange } from './confirmation.ts'
import {
  loadServiceState,
  OPT_OUT_SERVICE_PRICES,
  type OptOutService,
  type OptOutServiceState,
  type OptOutSubscription,
  subscriptionHistory,
  switchServices,
} from './service.ts'
import {
  checkSettingsUpdate,
  loadOptOutSettings,
  type OptOutMode,
  type OptOutSettings,
  type OptOutSettingsUpdate,
  saveOptOutSettings,
} from './settings.ts'

/** The settings as the account sees them, with what they can use right now. */
export interface OptOutSettingsView extends OptOutSettings {
  /** The mode messages get now: `mode`, or `off` while its service is off (or `reply` has no virtual number). */
  effectiveMode: OptOutMode
  /** Which add-ons the operator has switched on. */
  services: Record<OptOutService, boolean>
  /** Where STOP replies go (the account's first virtual number), or null. */
  virtualNumber: string | null
}

/** The add-ons of one account: what runs now, every period so far, and the list prices. */
export interface OptOutServiceView {
  current: OptOutServiceState
  history: OptOutSubscription[]
  prices: typeof OPT_OUT_SERVICE_PRICES
}

/** `desk.optOut`. */
export interface OptOutApi {
  /** The opt-out token for a recipient (created once, reused). */
  token(accountId: string, number: string): Promise<string>
  describe(token: string): Promise<{ accountName: string; maskedNumber: string; used: boolean } | null>
  /** Blocklists the token's number (and confirms by SMS when the account asks for it); idempotent. Null for an unknown token. */
  use(token: string): Promise<{ alreadyUsed: boolean } | null>
  settings(accountId: string): Promise<OptOutSettingsView>
  /** Refuses a mode whose service is off, and `reply` without a virtual number (`InvalidRequest`). */
  updateSettings(accountId: string, update: OptOutSettingsUpdate): Promise<OptOutSettingsView>
  service(accountId: string): Promise<OptOutServiceView>
  /**
   * The operator's switch for the paid add-ons: `link` (495 kr/year) and `reply`, the virtual number for STOP
   * (995 kr/year). Recorded as subscription periods with their dates; not charged through the SMS ledger.
   */
  setService(
    accountId: string,
    services: Record<OptOutService, boolean>,
    by?: string,
  ): Promise<OptOutServiceView>
}

export interface OptOutApiDeps {
  defaultCountry?: string
  /** Called after a link is used for a number that was not blocked yet. */
  onOptOut(change: OptOutChange): Promise<void>
}

/** The Desk's opt-out methods over the store in `ctx`. */
export function createOptOutApi(ctx: CoreContext, deps: OptOutApiDeps): OptOutApi {
  const { db, clock } = ctx
  const defaultCountry = deps.defaultCountry ?? DEFAULT_COUNTRY

  async function view(accountId: string): Promise<OptOutSettingsView> {
    await requireAccount(db, accountId)
    const [settings, state, numbers] = await Promise.all([
      loadOptOutSettings(db, accountId),
      loadServiceState(db, accountId),
      db
        .selectFrom('virtual_numbers')
        .select('number')
        .where('account_id', '=', accountId)
        .orderBy('number')
        .execute(),
    ])
    const services = { link: state.link !== null, reply: state.reply !== null }
    const virtualNumber = numbers[0]?.number ?? null
    return {
      ...settings,
      effectiveMode: effectiveMode(settings, services, virtualNumber),
      services,
      virtualNumber,
    }
  }

  async function serviceView(accountId: string): Promise<OptOutServiceView> {
    await requireAccount(db, accountId)
    const [current, history] = await Promise.all([
      loadServiceState(db, accountId),
      subscriptionHistory(db, accountId),
    ])
    return { current, history, prices: OPT_OUT_SERVICE_PRICES }
  }

  return {
    async token(accountId, number) {
      const e164 = toE164(number, defaultCountry)
      await requireAccount(db, accountId)
      return optOutTokenFor(db, accountId, e164, clock.now())
    },

    describe: (token) => describeToken(db, token),

    async use(token) {
      const used = await useToken(db, token, clock.now())
      if (!used) return null
      if (used.newlyBlocked)
        await deps.onOptOut({ accountId: used.accountId, number: used.number, keyword: 'STOP', via: null })
      return { alreadyUsed: used.alreadyUsed }
    },

    settings: view,

    async updateSettings(accountId, update) {
      checkSettingsUpdate(update)
      const current = await view(accountId)
      const mode = update.mode ?? current.mode
      if (update.mode !== undefined) {
        if (mode === 'link' && !current.services.link)
          throw new DeskError(
            'InvalidRequest',
            'The opt-out link service is not on for this account (495 kr/year); ask the operator to switch it on.',
            { details: { field: 'mode' } },
          )
        if (mode === 'reply' && !current.services.reply)
          throw new DeskError(
            'InvalidRequest',
            'The STOP-reply service (a virtual number, 995 kr/year) is not on for this account; ask the operator to switch it on.',
            { details: { field: 'mode' } },
          )
        if (mode === 'reply' && !current.virtualNumber)
          throw new DeskError(
            'InvalidRequest',
            'Mode reply needs a virtual number on the account for recipients to send STOP to.',
            { details: { field: 'mode' } },
          )
      }
      await saveOptOutSettings(db, accountId, update, clock.now())
      return view(accountId)
    },

    service: serviceView,

    async setService(accountId, services, by) {
      if (typeof services?.link !== 'boolean' || typeof services.reply !== 'boolean')
        throw new DeskError('InvalidRequest', 'Give link and reply, each true or false.', {
          details: { field: 'services' },
        })
      await writeTransaction(ctx, async (trx) => {
        await requireAccount(trx, accountId)
        await switchServices(trx, accountId, services, clock.now(), by ?? null)
      })
      return serviceView(accountId)
    },
  }
}
