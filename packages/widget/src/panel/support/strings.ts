/** Every text of the support form and conversation, in Swedish and English. */
import type { WidgetLang } from '../../contract.ts'

export interface SupportStrings {
  title: string
  question: string
  name: string
  email: string
  mobile: string
  customerNumber: string
  optional: string
  smsConsent: string
  storage: (days: number) => string
  contactNeeded: string
  send: string
  sending: string
  failed: string
  htmlRefused: string
  tooMany: string
  closedUntil: (when: string) => string
  closed: string
  you: string
  staff: (name: string) => string
  newReply: (name: string) => string
  write: string
  add: string
  resolved: string
  remove: string
  removed: string
  conversation: string
  unavailable: string
}

export const SUPPORT_STRINGS: Record<WidgetLang, SupportStrings> = {
  sv: {
    title: 'Fråga supporten',
    question: 'Din fråga',
    name: 'Namn',
    email: 'E-post',
    mobile: 'Mobilnummer',
    customerNumber: 'Kundnummer',
    optional: '(frivilligt)',
    smsConsent: 'Skicka svaret som sms om jag har lämnat sidan',
    storage: (days) =>
      `Vi sparar frågan, ditt namn och hur vi når dig i ${days} dagar efter sista meddelandet, sedan raderas allt. Du kan radera samtalet själv när som helst.`,
    contactNeeded: 'Ange e-post eller mobilnummer så att vi kan svara.',
    send: 'Skicka frågan',
    sending: 'Skickar …',
    failed: 'Det gick inte att skicka just nu. Försök igen om en stund.',
    htmlRefused: 'Skriv vanlig text utan < och >.',
    tooMany: 'För många försök. Vänta en stund och försök igen.',
    closedUntil: (when) => `Supporten är stängd just nu. Du får svar när vi öppnar igen, ${when}.`,
    closed: 'Supporten är stängd just nu; vi svarar så snart vi kan.',
    you: 'Du',
    staff: (name) => `${name}, supporten`,
    newReply: (name) => `Nytt svar från ${name}`,
    write: 'Skriv mer',
    add: 'Skicka',
    resolved: 'Supporten har markerat frågan som löst. Skriv igen om du behöver mer hjälp.',
    remove: 'Radera samtalet',
    removed: 'Samtalet är raderat.',
    conversation: 'Samtal med supporten',
    unavailable: 'Supporten kan inte nås här just nu.',
  },
  en: {
    title: 'Ask support',
    question: 'Your question',
    name: 'Name',
    email: 'E-mail',
    mobile: 'Mobile number',
    customerNumber: 'Customer number',
    optional: '(optional)',
    smsConsent: 'Send the reply as a text message if I have left the page',
    storage: (days) =>
      `We keep your question, your name and how to reach you for ${days} days after the last message, then everything is deleted. You can delete the conversation yourself at any time.`,
    contactNeeded: 'Give an e-mail address or a mobile number so that we can answer.',
    send: 'Send question',
    sending: 'Sending …',
    failed: 'Could not send right now. Try again shortly.',
    htmlRefused: 'Write plain text without < and >.',
    tooMany: 'Too many attempts. Wait a little and try again.',
    closedUntil: (when) => `Support is closed right now. You will get an answer when we open again, ${when}.`,
    closed: 'Support is closed right now; we will answer as soon as we can.',
    you: 'You',
    staff: (name) => `${name}, support`,
    newReply: (name) => `New reply from ${name}`,
    write: 'Write more',
    add: 'Send',
    resolved: 'Support has marked this as resolved. Write again if you need more help.',
    remove: 'Delete the conversation',
    removed: 'The conversation is deleted.',
    conversation: 'Conversation with support',
    unavailable: 'Support cannot be reached here right now.',
  },
}
