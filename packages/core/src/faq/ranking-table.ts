/** The FAQ ranking table: questions as customers write them, each with the article that must come first. */
import type { FaqLang } from './types.ts'

export type RankingCase = readonly [query: string, lang: FaqLang, expectedId: string]

/** Typos, whole questions and English asked on a Swedish page are deliberate. */
export const FAQ_RANKING: readonly RankingCase[] = [
  // Forgot password
  ['glömt lösenord', 'sv', 'forgot-password.sv'],
  ['jag har glömt mitt lösnord', 'sv', 'forgot-password.sv'],
  ['återställa lösenordet', 'sv', 'forgot-password.sv'],
  ['mejlet för återställning kom aldrig', 'sv', 'forgot-password.sv'],
  ['hur byter jag lösenord?', 'sv', 'forgot-password.sv'],
  ['kommer inte in på mitt konto', 'sv', 'forgot-password.sv'],
  ['forgot password', 'en', 'forgot-password.en'],
  ['reset pasword', 'en', 'forgot-password.en'],
  ['the reset email never came', 'en', 'forgot-password.en'],
  ['I am locked out and cannot log in', 'en', 'forgot-password.en'],
  ['forgot my password', 'sv', 'forgot-password.en'],
  // Top up
  ['fyll på saldo', 'sv', 'top-up-balance.sv'],
  ['snabbpåfyllning', 'sv', 'top-up-balance.sv'],
  ['köpa sms saldo webshop', 'sv', 'top-up-balance.sv'],
  ['hur köper jag fler sms?', 'sv', 'top-up-balance.sv'],
  ['det är slut på sms', 'sv', 'top-up-balance.sv'],
  ['top up', 'en', 'top-up-balance.en'],
  ['top up balanse', 'en', 'top-up-balance.en'],
  ['how do I buy more credits', 'en', 'top-up-balance.en'],
  ['I ran out of credits', 'en', 'top-up-balance.en'],
  // Opt-out
  ['avregistrering', 'sv', 'opt-out.sv'],
  ['avregistreringslänk kostnad', 'sv', 'opt-out.sv'],
  ['sluta få sms', 'sv', 'opt-out.sv'],
  ['hur kan mottagarna avregistrera sig?', 'sv', 'opt-out.sv'],
  ['vad kostar det att svara STOP', 'sv', 'opt-out.sv'],
  ['unsubscribe', 'en', 'opt-out.en'],
  ['opt-out price', 'en', 'opt-out.en'],
  ['how can people stop getting my texts', 'en', 'opt-out.en'],
  ['unsubscribe link cost', 'sv', 'opt-out.en'],
  // Activate opt-out
  ['aktivera stopp-tjänsten', 'sv', 'activate-opt-out.sv'],
  ['var slår jag på avregistrering i inställningarna?', 'sv', 'activate-opt-out.sv'],
  ['enable opt-out setting', 'en', 'activate-opt-out.en'],
  ['where do I turn on the stop service', 'en', 'activate-opt-out.en'],
  // Contact support
  ['kontakta supporten', 'sv', 'contact-support.sv'],
  ['zoom teams möte', 'sv', 'contact-support.sv'],
  ['vilket telefonnummer har kundtjänst?', 'sv', 'contact-support.sv'],
  ['contact suport', 'en', 'contact-support.en'],
  ['can I talk to someone on the phone', 'en', 'contact-support.en'],
  // Browsers
  ['internet explorer', 'sv', 'browser-support.sv'],
  ['vilken webbläsare ska jag använda', 'sv', 'browser-support.sv'],
  ['portalen fungerar inte i safari', 'sv', 'browser-support.sv'],
  ['which browser', 'en', 'browser-support.en'],
  ['the portal does not load in my browser', 'en', 'browser-support.en'],
  // Users
  ['lägg till ny användare', 'sv', 'add-user.sv'],
  ['hur ger jag en kollega en egen inloggning', 'sv', 'add-user.sv'],
  ['add a new user', 'en', 'add-user.en'],
  ['access level admin', 'en', 'add-user.en'],
  ['can my colleague get their own login', 'en', 'add-user.en'],
  // Status codes
  ['vad betyder statuskoderna', 'sv', 'status-codes.sv'],
  ['vad betyder koden på mitt sms', 'sv', 'status-codes.sv'],
  ['what do status codes mean', 'en', 'status-codes.en'],
  ['alla statuskoder lista', 'sv', 'status-code-list.sv'],
  ['finns det en lista med alla koder?', 'sv', 'status-code-list.sv'],
  ['DeliveredToHandset', 'en', 'status-code-list.en'],
  ['full list of status codes', 'en', 'status-code-list.en'],
  ['gamla web sms skickad', 'sv', 'legacy-statuses.sv'],
  ['vad betyder fel i gamla web sms', 'sv', 'legacy-statuses.sv'],
  ['old web sms status levererad', 'en', 'legacy-statuses.en'],
  // Delivery reports
  ['leveransrapport dröjer', 'sv', 'delivery-report-delay.sv'],
  ['varför tar leveransrapporten så lång tid', 'sv', 'delivery-report-delay.sv'],
  ['delivery report 72 hours', 'en', 'delivery-report-delay.en'],
  ['why is my delivery report late', 'en', 'delivery-report-delay.en'],
  // Not delivered
  ['sms kom inte fram', 'sv', 'sms-not-delivered.sv'],
  ['mottagaren fick aldrig mitt sms', 'sv', 'sms-not-delivered.sv'],
  ['message did not arrive', 'en', 'sms-not-delivered.en'],
  ['my text was never delivered', 'en', 'sms-not-delivered.en'],
  // Save contacts
  ['spara kontakter', 'sv', 'save-contacts-keyword.sv'],
  ['spara nummer med sms-ordet spara', 'sv', 'save-contacts-keyword.sv'],
  ['save contacts keyword', 'en', 'save-contacts-keyword.en'],
  // E-mail copies
  ['dkim spf', 'sv', 'email-copy-dkim-spf.sv'],
  ['e-postkopiorna hamnar i skräpposten', 'sv', 'email-copy-dkim-spf.sv'],
  ['email copy own domain', 'en', 'email-copy-dkim-spf.en'],
  ['email copies end up in spam', 'en', 'email-copy-dkim-spf.en'],
  // Blocklist
  ['blockeringslista', 'sv', 'blocklist.sv'],
  ['spärrlistan', 'sv', 'blocklist.sv'],
  ['hur lägger jag ett nummer på spärrlistan?', 'sv', 'blocklist.sv'],
  ['svartlista ett nummer', 'sv', 'blocklist.sv'],
  ['block a numbr', 'en', 'blocklist.en'],
  ['how do I blacklist a number', 'en', 'blocklist.en'],
  // North America
  ['skicka till usa', 'sv', 'north-america.sv'],
  ['amerikanska nummer', 'sv', 'north-america.sv'],
  ['+1-nummer', 'sv', 'north-america.sv'],
  ['kan jag skicka sms till kanada?', 'sv', 'north-america.sv'],
  ['north amerika', 'en', 'north-america.en'],
  ['can I text american numbers', 'en', 'north-america.en'],
  ['sending to canada', 'sv', 'north-america.en'],
  // New Web SMS
  ['nya web sms migrera', 'sv', 'new-web-sms.sv'],
  ['hur byter jag till nya versionen', 'sv', 'new-web-sms.sv'],
  ['move to new web sms', 'en', 'new-web-sms.en'],
  ['upgrade to the new version', 'en', 'new-web-sms.en'],
]
