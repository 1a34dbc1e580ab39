/** The shape of the bot's texts; `sv.ts` and `en.ts` each fill it in, in their own words. */

import type { BadArgumentReason, CommandName, Role } from '../commands/command.ts'

export interface CommandHelp {
  /** Arguments after the command word, e.g. `<recipients> <text>`. */
  args: string
  summary: string
  example: string
}

export interface Messages {
  yes: string
  no: string
  roles: Record<Role, string>

  helpTitle: string
  helpIntro(prefix: string): string
  helpNote: string
  helpTopicTitle(usage: string): string
  usage: string
  example: string
  commands: Record<CommandName, CommandHelp>

  notLinked(prefix: string): string
  notLinkedTitle: string
  /** Teams: the card shown when the bot is added to a chat or team. */
  welcomeTitle: string
  welcome(prefix: string): string
  welcomeLinked: string
  problemTitle: string
  empty(prefix: string): string
  tooLong(max: number): string
  unknownCommand(word: string, suggestion: string | null, prefix: string): string
  missingArgument(argument: string, usage: string, example: string): string
  badArgument: Record<BadArgumentReason, (value: string, argument: string) => string>
  seeHelp(prefix: string, command: string): string
  /** `quoted` is the same send with the recipients in quotes, which removes the doubt. */
  ambiguousRecipients(recipients: string[], body: string, quoted: string): string

  forbiddenSend(role: string): string
  forbiddenAdmin: string
  forbiddenTitle: string
  unexpectedError(reference: string): string
  refused(message: string): string
  notFound(what: string): string

  connectBadKey: string
  connectTakenTitle: string
  connectTaken: string
  connectedTitle: string
  connected(account: string, role: string, prefix: string): string
  connectNote: string
  granted(who: string, role: string): string
  revoked(who: string): string
  notAMember(who: string): string
  langSet: string

  balanceTitle: string
  account: string
  balance: string

  codeTitle(code: number, name: string): string
  codeUnknown(query: string): string
  codeLegacy(oldName: string, code: number, name: string): string
  group: string
  final: string
  whatToDo: string

  contactsTitle(count: number): string
  contactsNone(search: string | null): string
  contactsMore: string

  blocked(number: string): string
  unblocked(number: string): string
  notBlocked(number: string): string

  optOutTitle: string
  optOutModes: Record<'off' | 'link' | 'reply', string>
  optOutMode: string
  optOutText: string
  optOutRequired: string
  optOutConfirmations: string
  optOutServices: string
  optOutServiceList(link: boolean, reply: boolean): string
  optOutNote: string
  optOutAdded(segments: number): string
  finalText: string

  faqTitle(question: string): string
  faqNone: string

  messageTitle(id: string): string
  to: string
  from: string
  status: string
  created: string
  segments: string
  price: string
  history: string
  notFinalYet: string
  numberTitle(number: string): string
  numberNone(number: string): string
  batchTitle(id: string): string
  messages: string
  done: string

  quoteTitle(recipients: number): string
  quoteText: string
  encoding: string
  segmentsPerMessage: string
  totalSegments: string
  balanceAfter: string
  notCharged(status: string): string
  confirmNote(minutes: number): string
  sendButton: string
  cancelButton: string
  allRejectedTitle: string
  allRejected: string
  insufficientTitle: string
  insufficient(balance: string, price: string): string

  sentTitle(recipients: number): string
  batch: string
  progress(final: number, total: number): string
  finished(ok: number, failed: number): string
  cancelled: string
  confirmationGone: string
  confirmedBy(who: string): string

  inboundIn(from: string, body: string): string
  replyNoNumber: string
  replySent(number: string): string
  inviteMe: string
}
