/** The texts of widget support conversations in the support channel, per language. */
import type { Lang } from '@smsdesk/core'

export interface SupportChatTexts {
  title(name: string): string
  name: string
  email: string
  mobile: string
  sms: string
  smsYes: string
  smsNo: string
  customerNumber: string
  page: string
  searches: string
  noSearches: string
  status: string
  open: string
  resolved: string
  answeredBy: string
  nobody: string
  resolve: string
  reopen: string
  note(prefix: string): string
  customerWrote: string
  accountHint(command: string): string
  accountUnknown: string
  draftSaved(title: string): string
  draftNoAnswer: string
}

export const SUPPORT_CHAT_TEXTS: Record<Lang, SupportChatTexts> = {
  sv: {
    title: (name) => `Fråga från widgeten: ${name}`,
    name: 'Namn',
    email: 'E-post',
    mobile: 'Mobil',
    sms: 'Svar per sms',
    smsYes: 'ja, om kunden har lämnat',
    smsNo: 'nej',
    customerNumber: 'Kundnummer',
    page: 'Sida',
    searches: 'Sökte först',
    noSearches: 'inget',
    status: 'Status',
    open: 'öppen',
    resolved: 'löst',
    answeredBy: 'Svarade',
    nobody: 'ingen än',
    resolve: 'Lös',
    reopen: 'Öppna igen',
    note: (prefix) => `Svara i tråden så når svaret kunden; börja med ${prefix} för en intern anteckning.`,
    customerWrote: 'Kunden skriver',
    accountHint: (command) => `Kontot: \`${command}\``,
    accountUnknown: 'inget konto med det numret',
    draftSaved: (title) =>
      `FAQ-utkast sparat för granskning: “${title}”. Det syns inte i sökningen förrän det är godkänt.`,
    draftNoAnswer: 'Inget utkast: ingen har svarat kunden i tråden än.',
  },
  en: {
    title: (name) => `Question from the widget: ${name}`,
    name: 'Name',
    email: 'E-mail',
    mobile: 'Mobile',
    sms: 'Reply by SMS',
    smsYes: 'yes, if the customer has left',
    smsNo: 'no',
    customerNumber: 'Customer number',
    page: 'Page',
    searches: 'Searched first',
    noSearches: 'nothing',
    status: 'Status',
    open: 'open',
    resolved: 'resolved',
    answeredBy: 'Answered by',
    nobody: 'nobody yet',
    resolve: 'Resolve',
    reopen: 'Reopen',
    note: (prefix) =>
      `Reply in the thread and it reaches the customer; start with ${prefix} for an internal note.`,
    customerWrote: 'The customer writes',
    accountHint: (command) => `Account: \`${command}\``,
    accountUnknown: 'no account with that number',
    draftSaved: (title) => `FAQ draft saved for review: “${title}”. It is not in search until approved.`,
    draftNoAnswer: 'No draft: nobody has answered the customer in this thread yet.',
  },
}
