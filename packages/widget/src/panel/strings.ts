/** Every text the panel shows, in Swedish and English. */
import type { WidgetLang } from '../contract.ts'

export interface PanelStrings {
  title: string
  close: string
  searchLabel: string
  searchPlaceholder: string
  searchHint: string
  results: (count: number) => string
  searching: string
  noResults: string
  searchFailed: string
  articleFailed: string
  browseTitle: string
  back: string
  statusTitle: string
  statusGroup: string
  statusMeaning: string
  statusAction: string
  statusFinal: string
  statusNotFinal: string
  legacyNote: (name: string) => string
  contactTitle: string
  contactPhone: string
  contactEmail: string
  contactHours: string
  contactMissing: string
  otherLanguage: string
  /** The article as its own web page, in a new tab. */
  openPage: string
  loading: string
  helpfulQuestion: string
  helpfulYes: string
  helpfulNo: string
  helpfulThanks: string
  askSupport: string
}

export const STRINGS: Record<WidgetLang, PanelStrings> = {
  sv: {
    title: 'Hjälp',
    close: 'Stäng hjälpen',
    searchLabel: 'Sök',
    searchPlaceholder: 't.ex. glömt lösenord eller 404',
    searchHint: 'Sök bland vanliga frågor eller skriv en statuskod.',
    results: (n) => (n === 1 ? '1 träff' : `${n} träffar`),
    searching: 'Söker …',
    noResults: 'Inga träffar. Prova andra ord eller kontakta supporten.',
    searchFailed: 'Sökningen fungerar inte just nu. Försök igen om en stund eller kontakta supporten.',
    articleFailed: 'Artikeln kunde inte visas just nu.',
    browseTitle: 'Vanliga frågor',
    back: 'Tillbaka',
    statusTitle: 'Statuskod',
    statusGroup: 'Grupp',
    statusMeaning: 'Betyder',
    statusAction: 'Gör så här',
    statusFinal: 'slutgiltig',
    statusNotFinal: 'kan ändras',
    legacyNote: (name) => `”${name}” i gamla Web SMS`,
    contactTitle: 'Kontakta supporten',
    contactPhone: 'Telefon',
    contactEmail: 'E-post',
    contactHours: 'Öppettider',
    contactMissing: 'Kontaktuppgifterna kunde inte hämtas.',
    otherLanguage: 'Läs på engelska',
    openPage: 'Öppna som egen sida',
    loading: 'Laddar …',
    helpfulQuestion: 'Hjälpte det här?',
    helpfulYes: 'Ja',
    helpfulNo: 'Nej',
    helpfulThanks: 'Tack för ditt svar!',
    askSupport: 'Fråga supporten',
  },
  en: {
    title: 'Help',
    close: 'Close help',
    searchLabel: 'Search',
    searchPlaceholder: 'e.g. forgot password or 404',
    searchHint: 'Search the FAQ or type a status code.',
    results: (n) => (n === 1 ? '1 result' : `${n} results`),
    searching: 'Searching …',
    noResults: 'No results. Try other words or contact support.',
    searchFailed: 'Search is not working right now. Try again shortly or contact support.',
    articleFailed: 'The article could not be shown right now.',
    browseTitle: 'Frequently asked questions',
    back: 'Back',
    statusTitle: 'Status code',
    statusGroup: 'Group',
    statusMeaning: 'Meaning',
    statusAction: 'What to do',
    statusFinal: 'final',
    statusNotFinal: 'may change',
    legacyNote: (name) => `"${name}" in the old Web SMS`,
    contactTitle: 'Contact support',
    contactPhone: 'Phone',
    contactEmail: 'E-mail',
    contactHours: 'Opening hours',
    contactMissing: 'The contact details could not be loaded.',
    otherLanguage: 'Read in Swedish',
    openPage: 'Open as a page',
    loading: 'Loading …',
    helpfulQuestion: 'Did this help?',
    helpfulYes: 'Yes',
    helpfulNo: 'No',
    helpfulThanks: 'Thank you for your answer!',
    askSupport: 'Ask support',
  },
}
