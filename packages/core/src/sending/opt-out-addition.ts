/**
 * The opt-out a message carries, added to the body per recipient at send time: the account's link text with the
 * recipient's own link, or its STOP text. Decided once per send; the body for one recipient is then two string
 * concatenations, so a 100,000-recipient batch pays next to nothing for it.
 */
import type { SendPurpose } from '../desk.ts'
import { DeskError } from '../errors.ts'
import type { OptOutService } from '../opt-out/service.ts'
import { LINK_PLACEHOLDER, NUMBER_PLACEHOLDER, type OptOutSettings } from '../opt-out/settings.ts'

/** Opt-out tokens are 24 base64url characters: one GSM-7 septet each, so any token counts like this one. */
export const SAMPLE_TOKEN = 'x'.repeat(24)

export interface OptOutAddition {
  mode: 'link' | 'reply'
  /** The body up to where the recipient's token goes (for `reply`, the whole final body). */
  prefix: string
  /** What follows the token; empty for `reply`. */
  suffix: string
  /** The added text alone, with the sample token in place of a real one. */
  sample: string
}

export interface AdditionInputs {
  body: string
  purpose: SendPurpose
  settings: OptOutSettings
  /** Which add-ons are on. */
  services: Record<OptOutService, boolean>
  virtualNumber: string | null
  /** `PUBLIC_URL`: links are `<publicUrl>/u/<token>`. */
  publicUrl: string
}

/** The mode that can actually be used now: a mode whose service is off, or `reply` without a number, is `off`. */
export function effectiveMode(
  settings: OptOutSettings,
  services: Record<OptOutService, boolean>,
  virtualNumber: string | null,
): OptOutSettings['mode'] {
  switch (settings.mode) {
    case 'off':
      return 'off'
    case 'link':
      return services.link ? 'link' : 'off'
    case 'reply':
      return services.reply && virtualNumber ? 'reply' : 'off'
  }
}

/**
 * What to add to this send's messages, or null for none. A transactional send carries none; a marketing send on
 * an account that requires an opt-out, while none can be added, is refused before anything is stored.
 */
export function planOptOutAddition(inputs: AdditionInputs): OptOutAddition | null {
  const { body, purpose, settings } = inputs
  if (purpose === 'transactional') return null
  const mode = effectiveMode(settings, inputs.services, inputs.virtualNumber)
  switch (mode) {
    case 'off':
      if (settings.requiredForMarketing)
        throw new DeskError(
          'InvalidRequest',
          'This account requires an opt-out in marketing messages, but no opt-out can be added: set the opt-out ' +
            'mode to link or reply (with its service on), or mark the send "purpose": "transactional" if it is not marketing.',
          { details: { field: 'purpose', reason: 'opt_out_required', mode: settings.mode } },
        )
      return null
    case 'link': {
      const text = settings.linkText[settings.lang]
      const at = text.indexOf(LINK_PLACEHOLDER)
      const before = `${text.slice(0, at)}${inputs.publicUrl}/u/`
      const after = text.slice(at + LINK_PLACEHOLDER.length)
      return { mode, prefix: `${body}\n${before}`, suffix: after, sample: `${before}${SAMPLE_TOKEN}${after}` }
    }
    case 'reply': {
      const text = settings.replyText[settings.lang].replaceAll(
        NUMBER_PLACEHOLDER,
        inputs.virtualNumber ?? '',
      )
      return { mode, prefix: `${body}\n${text}`, suffix: '', sample: text }
    }
  }
}

/** The final body for one recipient; `token` is their opt-out token (link mode only). */
export function bodyWithAddition(addition: OptOutAddition, token: string): string {
  return addition.mode === 'link' ? addition.prefix + token + addition.suffix : addition.prefix
}
