/**
 * The refund rule, one row per final code: when a charged message ends with that code, is its price given back?
 * "Handed over" means the gateway took the message (status 111 or a report from the gateway itself).
 */

export type RefundWhen =
  /** Refunded whenever it was charged. */
  | 'always'
  /** Refunded when it was charged and the gateway never took it. */
  | 'beforeHandover'
  /** Never refunded. */
  | 'never'

export interface RefundRule {
  code: number
  name: string
  refund: RefundWhen
  reason: { en: string; sv: string }
}

const carrierSide = {
  en: 'The network tried to deliver it, so it is not refunded. Refunded only if the gateway refused it at hand-over.',
  sv: 'Nätet försökte leverera det, så det återbetalas inte. Återbetalas bara om gatewayen vägrade ta emot det.',
}
const rejected = {
  en: 'Stopped by a check before it left us: refunded if it had been paid for. After hand-over it is the network’s verdict and is not refunded.',
  sv: 'Stoppades av en kontroll innan det lämnade oss: återbetalas om det var betalt. Efter överlämningen är det nätets besked och återbetalas inte.',
}

/** Every final code's refund rule. Codes not listed (unknown final codes) follow `beforeHandover`. */
export const REFUND_RULES: readonly RefundRule[] = [
  {
    code: 201,
    name: 'DeliveredToHandset',
    refund: 'never',
    reason: { en: 'Delivered: the service was performed.', sv: 'Levererat: tjänsten är utförd.' },
  },
  {
    code: 202,
    name: 'Expired',
    refund: 'beforeHandover',
    reason: {
      en: 'Refunded when it expired while still with us. After hand-over the network tried for the whole validity period, so it is not.',
      sv: 'Återbetalas om giltighetstiden gick ut medan det låg hos oss. Efter överlämningen försökte nätet hela giltighetstiden, så då inte.',
    },
  },
  {
    code: 203,
    name: 'Canceled',
    refund: 'always',
    reason: {
      en: 'Only queued or scheduled messages can be canceled; nothing was sent.',
      sv: 'Bara köade eller schemalagda meddelanden kan avbrytas; inget skickades.',
    },
  },
  {
    code: 402,
    name: 'InsufficientFunds',
    refund: 'never',
    reason: {
      en: 'The batch was never charged, so there is nothing to give back.',
      sv: 'Utskicket drogs aldrig från saldot, så det finns inget att ge tillbaka.',
    },
  },
  { code: 403, name: 'SenderRejected', refund: 'beforeHandover', reason: rejected },
  { code: 404, name: 'ContentRejected', refund: 'beforeHandover', reason: rejected },
  {
    code: 405,
    name: 'RecipientRejected',
    refund: 'beforeHandover',
    reason: {
      en: 'Blocklisted: at send time it is never charged; a number blocked after scheduling is refunded when the dispatcher stops it.',
      sv: 'Spärrat: vid utskicket debiteras det aldrig; ett nummer som spärras efter schemaläggningen återbetalas när utskickaren stoppar det.',
    },
  },
  { code: 406, name: 'GenericRejected', refund: 'beforeHandover', reason: rejected },
  { code: 407, name: 'InvalidSender', refund: 'beforeHandover', reason: rejected },
  { code: 408, name: 'InvalidContent', refund: 'beforeHandover', reason: rejected },
  { code: 409, name: 'InvalidRecipient', refund: 'beforeHandover', reason: rejected },
  { code: 410, name: 'MissingSmsSubscription', refund: 'beforeHandover', reason: carrierSide },
  {
    code: 500,
    name: 'InternalError',
    refund: 'beforeHandover',
    reason: {
      en: 'Our fault before hand-over: refunded. After hand-over the network carried it, so it is not.',
      sv: 'Vårt fel före överlämningen: återbetalas. Efter överlämningen bar nätet det, så då inte.',
    },
  },
  { code: 501, name: 'UnknownSubscriber', refund: 'beforeHandover', reason: carrierSide },
  { code: 502, name: 'SubscriberUnreachable', refund: 'beforeHandover', reason: carrierSide },
  {
    code: 511,
    name: 'DeliveryToGatewayFailed',
    refund: 'always',
    reason: {
      en: 'It never got past the gateway into any network.',
      sv: 'Det kom aldrig förbi gatewayen ut i något nät.',
    },
  },
  { code: 512, name: 'DeliveryToCarrierFailed', refund: 'beforeHandover', reason: carrierSide },
  { code: 513, name: 'DeliveryToGSMFailed', refund: 'beforeHandover', reason: carrierSide },
  { code: 514, name: 'DeliveryToHandsetFailed', refund: 'beforeHandover', reason: carrierSide },
  { code: 515, name: 'GenericDeliveryFailure', refund: 'beforeHandover', reason: carrierSide },
  {
    code: 516,
    name: 'GatewayError',
    refund: 'always',
    reason: {
      en: 'The gateway failed (also: gave up after every retry); no network carried it.',
      sv: 'Gatewayen fallerade (även: gav upp efter alla försök); inget nät bar det.',
    },
  },
  {
    code: 599,
    name: 'Unknown',
    refund: 'never',
    reason: {
      en: 'It was delivered upstream; only the receipt is missing.',
      sv: 'Det lämnades vidare uppströms; bara kvittot saknas.',
    },
  },
]

const rulesByCode = new Map(REFUND_RULES.map((r) => [r.code, r]))

/** Whether a charged message ending with `code` gets its price back. */
export function refundDue(code: number, handedOver: boolean): boolean {
  const when = rulesByCode.get(code)?.refund ?? 'beforeHandover'
  return when === 'always' || (when === 'beforeHandover' && !handedOver)
}

const WHEN_TEXT: Record<RefundWhen, { en: string; sv: string }> = {
  always: { en: 'yes', sv: 'ja' },
  beforeHandover: { en: 'only before hand-over', sv: 'bara före överlämning' },
  never: { en: 'no', sv: 'nej' },
}

/** The refund table as Markdown, for the README and docs (a test keeps docs/core.md in step with it). */
export function refundRulesMarkdown(lang: 'en' | 'sv'): string {
  const head =
    lang === 'en'
      ? '| Code | Name | Refunded | Why |\n|---|---|---|---|'
      : '| Kod | Namn | Återbetalas | Varför |\n|---|---|---|---|'
  const rows = REFUND_RULES.map(
    (r) => `| ${r.code} | ${r.name} | ${WHEN_TEXT[r.refund][lang]} | ${r.reason[lang]} |`,
  )
  return [head, ...rows].join('\n')
}
