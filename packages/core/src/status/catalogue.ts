/** Every SMS status code, what it means and what to do about it, in Swedish and English. Browser-safe. */
import { ERROR_STATUSES } from './codes-error.ts'
import { INFO_STATUSES } from './codes-info.ts'
import { REJECTION_STATUSES } from './codes-rejection.ts'
import { SUCCESS_STATUSES } from './codes-success.ts'
import { LEGACY_STATUSES, type LegacyStatus } from './legacy.ts'
import type { Lang, StatusGroup } from './types.ts'

export type { LegacyStatus, LegacyStatusName } from './legacy.ts'
export { LEGACY_STATUSES } from './legacy.ts'
export type { Lang, StatusDefinition, StatusGroup, StatusText } from './types.ts'

export const STATUSES = [
  ...INFO_STATUSES,
  ...SUCCESS_STATUSES,
  ...REJECTION_STATUSES,
  ...ERROR_STATUSES,
] as const

export type Status = (typeof STATUSES)[number]
export type StatusCode = Status['code']
export type StatusName = Status['name']

/** A catalogue entry found by `lookupStatus`; `legacy` is set when the query was an old Web SMS name. */
export type StatusMatch = Status & { legacy?: LegacyStatus }

const byCode = new Map<number, Status>(STATUSES.map((s) => [s.code, s]))
const byName = new Map<string, Status>(STATUSES.map((s) => [s.name.toLowerCase(), s]))
const legacyByName = new Map<string, LegacyStatus>(LEGACY_STATUSES.map((l) => [l.name.toLowerCase(), l]))

/** The catalogue entry for a code, or null when the code is not in the catalogue. */
export function statusByCode(code: number): Status | null {
  return byCode.get(code) ?? null
}

/** The catalogue entry for a name such as `DeliveredToHandset` (any case, surrounding spaces ignored), or null. */
export function statusByName(name: string): Status | null {
  return byName.get(name.trim().toLowerCase()) ?? null
}

/** True when a message with this code will not change again. Codes outside the catalogue count as not final. */
export function isFinalCode(code: number): boolean {
  return byCode.get(code)?.final ?? false
}

/** The catalogue name of a code, or `Unknown` for a code outside the catalogue. */
export function statusName(code: number): string {
  return byCode.get(code)?.name ?? 'Unknown'
}

/** True when `code` is one of the catalogue's codes. */
export function isStatusCode(code: number): code is StatusCode {
  return byCode.has(code)
}

/**
 * Finds a status by number (`201`, `"201"`), name (`deliveredToHandset`, any case) or old Web SMS name
 * (`Levererad`, `skickad`, `FEL`). Returns null when nothing matches.
 */
export function lookupStatus(query: string | number): StatusMatch | null {
  if (typeof query === 'number') return statusByCode(query)
  const q = query.trim()
  if (/^\d{1,4}$/.test(q)) return statusByCode(Number(q))
  const named = statusByName(q)
  if (named) return named
  const legacy = legacyByName.get(q.toLowerCase())
  if (!legacy) return null
  const current = statusByCode(legacy.code)
  return current ? { ...current, legacy } : null
}

/** What `describeStatus` says about any code, known or not. */
export interface StatusDescription {
  code: number
  /** The catalogue name, or null for a code outside the catalogue. */
  name: string | null
  known: boolean
  /** For unknown codes, the group their first digit points to (null when it points nowhere). */
  group: StatusGroup | null
  final: boolean | null
  meaning: string
  action: string
}

/** Explains any code in Swedish or English; a code outside the catalogue is explained by its first digit. */
export function describeStatus(code: number, lang: Lang): StatusDescription {
  const known = statusByCode(code)
  if (known) {
    const { meaning, action } = known.text[lang]
    return { code, name: known.name, known: true, group: known.group, final: known.final, meaning, action }
  }
  const group = groupOfUnknown(code)
  const text = unknownText(code, group, lang)
  const final = group === null ? null : group !== 'Info'
  return { code, name: null, known: false, group, final, ...text }
}

/** The group a three-digit code's first digit points to; anything else is not a status code. */
function groupOfUnknown(code: number): StatusGroup | null {
  if (!Number.isInteger(code) || code < 100 || code > 999) return null
  switch (Math.floor(code / 100)) {
    case 1:
      return 'Info'
    case 2:
      return 'Success'
    case 4:
      return 'Rejection'
    case 5:
      return 'Error'
    default:
      return null
  }
}

function unknownText(
  code: number,
  group: StatusGroup | null,
  lang: Lang,
): { meaning: string; action: string } {
  const sv = lang === 'sv'
  const intro = sv ? `Koden ${code} finns inte i vår lista, men` : `Code ${code} is not in our list, but`
  switch (group) {
    case 'Info':
      return sv
        ? {
            meaning: `${intro} koder som börjar på 1 betyder att meddelandet fortfarande är på väg.`,
            action: 'Vänta på nästa status.',
          }
        : {
            meaning: `${intro} codes starting with 1 mean the message is still on its way.`,
            action: 'Wait for the next status.',
          }
    case 'Success':
      return sv
        ? {
            meaning: `${intro} koder som börjar på 2 betyder att meddelandet är färdighanterat (levererat, utgånget eller avbrutet).`,
            action: 'Titta i meddelandets historik för detaljer.',
          }
        : {
            meaning: `${intro} codes starting with 2 mean the message is done (delivered, expired or canceled).`,
            action: "Look at the message's history for details.",
          }
    case 'Rejection':
      return sv
        ? {
            meaning: `${intro} koder som börjar på 4 betyder att meddelandet nekades innan det skickades.`,
            action: 'Kontrollera avsändare, text och mottagare och skicka igen.',
          }
        : {
            meaning: `${intro} codes starting with 4 mean the message was refused before it was sent.`,
            action: 'Check the sender, text and recipient, then send again.',
          }
    case 'Error':
      return sv
        ? {
            meaning: `${intro} koder som börjar på 5 betyder att något gick fel vid leveransen.`,
            action: 'Kontrollera numret och skicka igen. Kontakta supporten om det upprepas.',
          }
        : {
            meaning: `${intro} codes starting with 5 mean something went wrong while delivering it.`,
            action: 'Check the number and send again. Contact support if it happens again.',
          }
    case null:
      return sv
        ? {
            meaning: `${code} är ingen statuskod som vi känner till.`,
            action: 'Kontrollera koden, eller fråga supporten var du såg den.',
          }
        : {
            meaning: `${code} is not a status code we know.`,
            action: 'Check the code, or ask support where you saw it.',
          }
  }
}
