/** Texts of the conversation around a send: opt-out notes, number timelines, FAQ articles, threads, the compose form. */

import type { BlockEntry, Lang } from '@smsdesk/core'

export interface ConversationTexts {
  /** Posted in a send's thread when the number answers STOP. */
  optOutStop(number: string): string
  /** START lifted the block the recipient had set. */
  optOutStart(number: string): string
  /** START from a number the account blocked by hand: the block stays. */
  optOutStartStillBlocked(number: string, prefix: string): string
  blockReasons: Record<BlockEntry['reason'], string>
  /** A rejected recipient that is blocklisted, with why and since when. */
  rejectedBlocked(reason: string, since: string): string
  rejectedBlockedNoReason: string
  timelineTitle(number: string): string
  timelineNone(number: string): string
  timelinePage(page: number): string
  sentTo: string
  receivedFrom: string
  blocklist: string
  notBlocked: string
  blockedBecause(reason: string, since: string): string
  moreButton: string
  historyButton(id: string): string
  faqReadMore(url: string): string
  faqOthers: string
  /** Words for final codes that are not a delivery, beside their icon. */
  finalWords: Record<202 | 203 | 599, string>
  composeTitle: string
  composeRecipients: string
  composeRecipientsHint: string
  composeText: string
  composeSendAt: string
  composeSendAtHint: string
  composeSubmit: string
  composeCancel: string
  composeMissing: string
  composeBadTime(value: string): string
}

export const CONVERSATION_TEXTS: Record<Lang, ConversationTexts> = {
  en: {
    optOutStop: (n) => `${n} answered STOP and is blocklisted; no more SMS go to this number.`,
    optOutStart: (n) => `${n} answered START: the block is lifted and SMS go to this number again.`,
    optOutStartStillBlocked: (n, p) =>
      `${n} answered START, but the number was blocklisted by hand and stays blocked (\`${p}unblock ${n}\` lifts it).`,
    blockReasons: { manual: 'added by hand', stop: 'replied STOP', opt_out_link: 'used the opt-out link' },
    rejectedBlocked: (reason, since) => `blocklisted (${reason}, ${since}): no SMS go to this number`,
    rejectedBlockedNoReason: 'may not be sent to (405)',
    timelineTitle: (n) => `Messages to and from ${n}`,
    timelineNone: (n) => `No SMS to or from ${n} in this account.`,
    timelinePage: (page) => `Page ${page}, newest first.`,
    sentTo: 'sent',
    receivedFrom: 'SMS from the number',
    blocklist: 'Blocklist',
    notBlocked: 'not blocklisted',
    blockedBecause: (reason, since) => `blocklisted: ${reason} (${since})`,
    moreButton: 'More',
    historyButton: (id) => `History ${id}`,
    faqReadMore: (url) => `Read it on the web: ${url}`,
    faqOthers: 'Also about this',
    finalWords: {
      202: 'expired: the phone could not be reached in time',
      203: 'canceled before it was sent (refunded)',
      599: 'sent, but no delivery report came back',
    },
    composeTitle: 'Send SMS',
    composeRecipients: 'Recipients',
    composeRecipientsHint: 'Numbers or group:name, separated by commas or one per line',
    composeText: 'Text',
    composeSendAt: 'Send at (optional)',
    composeSendAtHint: 'e.g. 2026-12-24 09:00',
    composeSubmit: 'Continue',
    composeCancel: 'Cancel',
    composeMissing: 'Fill in recipients and text.',
    composeBadTime: (v) => `“${v}” is not a time I can read: write it as 2026-12-24 09:00.`,
  },
  sv: {
    optOutStop: (n) => `${n} svarade STOPP och är spärrad; inga fler SMS går till numret.`,
    optOutStart: (n) => `${n} svarade START: spärren är hävd och SMS går till numret igen.`,
    optOutStartStillBlocked: (n, p) =>
      `${n} svarade START, men numret spärrades för hand och förblir spärrat (\`${p}unblock ${n}\` häver det).`,
    blockReasons: {
      manual: 'lagd för hand',
      stop: 'svarade STOPP',
      opt_out_link: 'använde avregistreringslänken',
    },
    rejectedBlocked: (reason, since) => `spärrad (${reason}, ${since}): inga SMS går till numret`,
    rejectedBlockedNoReason: 'får inte ta emot SMS (405)',
    timelineTitle: (n) => `Meddelanden till och från ${n}`,
    timelineNone: (n) => `Inga SMS till eller från ${n} i det här kontot.`,
    timelinePage: (page) => `Sida ${page}, nyast först.`,
    sentTo: 'skickat',
    receivedFrom: 'SMS från numret',
    blocklist: 'Spärrlista',
    notBlocked: 'inte spärrad',
    blockedBecause: (reason, since) => `spärrad: ${reason} (${since})`,
    moreButton: 'Fler',
    historyButton: (id) => `Historik ${id}`,
    faqReadMore: (url) => `Läs den på webben: ${url}`,
    faqOthers: 'Mer om detta',
    finalWords: {
      202: 'utgånget: telefonen gick inte att nå i tid',
      203: 'avbrutet innan det skickades (återbetalt)',
      599: 'skickat, men ingen leveransrapport kom tillbaka',
    },
    composeTitle: 'Skicka SMS',
    composeRecipients: 'Mottagare',
    composeRecipientsHint: 'Nummer eller group:namn, åtskilda med komma eller ett per rad',
    composeText: 'Text',
    composeSendAt: 'Skicka (valfritt)',
    composeSendAtHint: 't.ex. 2026-12-24 09:00',
    composeSubmit: 'Fortsätt',
    composeCancel: 'Avbryt',
    composeMissing: 'Fyll i mottagare och text.',
    composeBadTime: (v) => `”${v}” kan jag inte läsa som en tid: skriv den som 2026-12-24 09:00.`,
  },
}
