/** The bot's texts in Swedish (the default language). */

import type { Messages } from './messages.ts'

export const sv: Messages = {
  yes: 'ja',
  no: 'nej',
  roles: { admin: 'admin', sender: 'avsändare', viewer: 'läsare' },

  helpTitle: 'Det här kan jag',
  helpIntro: (p) => `Skriv \`${p}<kommando>\`. Mer om ett kommando: \`${p}help <kommando>\`.`,
  helpNote:
    'Skriv numren som du vill (070-123 45 67, +46 70 123 45 67), med komma, mellanslag eller "och" emellan, och group:<namn>. ' +
    'Sedan, om du vill, en tid (kl 09:00 imorgon, 2026-12-24 09:00) och valid <timmar>h; texten kommer sist.',
  helpTopicTitle: (usage) => usage,
  usage: 'Så skriver du',
  example: 'Exempel',
  commands: {
    templates: { args: '', summary: 'Kontots sparade mallar.', example: 'templates' },
    template: {
      args: 'save <namn> <text> | delete <namn>',
      summary:
        'Sparar eller tar bort en mall; {firstName} fylls från kontakten, {firstName|vän} har ett standardvärde.',
      example: 'template save tid Hej {firstName|vän}! Din tid är {date}.',
    },
    scheduled: { args: '', summary: 'Schemalagda SMS som väntar på att skickas.', example: 'scheduled' },
    cancel: {
      args: '<meddelande-id> | <batch-id>',
      summary:
        'Stoppar ett schemalagt eller köat SMS (eller ett helt utskick); priset går tillbaka till saldot.',
      example: 'cancel bat_0k2x7c9q1v3w8z4h',
    },
    help: {
      args: '[kommando]',
      summary: 'Den här listan, eller detaljerna för ett kommando.',
      example: 'help send',
    },
    send: {
      args: '<mottagare> [tid] [valid <timmar>h] <text | template:<namn>>',
      summary:
        'Skickar ett SMS. Visar antal delar och pris; stora eller dyra utskick ber om bekräftelse först, och inget dras förrän du bekräftat.',
      example: 'send 0701234567,group:personal Mötet börjar klockan 10.',
    },
    status: {
      args: '<meddelande-id> | <nummer> | batch <id>',
      summary:
        'Ett meddelandes status och historik, de senaste meddelandena till ett nummer, eller antal per status för ett helt utskick.',
      example: 'status 0701234567',
    },
    balance: { args: '', summary: 'Kontots saldo.', example: 'balance' },
    code: {
      args: '<kod eller namn>',
      summary: 'Förklarar en statuskod, även de gamla namnen (Levererad, Skickad, Fel).',
      example: 'code Levererad',
    },
    contacts: { args: '[sök]', summary: 'Söker kontakter på namn eller nummer.', example: 'contacts anna' },
    block: {
      args: '<nummer>',
      summary: 'Stoppar alla framtida SMS till ett nummer.',
      example: 'block 0701234567',
    },
    unblock: {
      args: '<nummer>',
      summary: 'Låter ett spärrat nummer ta emot SMS igen.',
      example: 'unblock 0701234567',
    },
    optout: {
      args: '',
      summary: 'Visar vilken avregistrering era SMS får (en länk eller en STOPP-text) och när den krävs.',
      example: 'optout',
    },
    faq: {
      args: '<fråga>',
      summary:
        'De bästa svaren ur hjälpartiklarna. I supportarbetsytor visar `faq rapport` veckans sökningar utan svar och minst hjälpsamma artiklar.',
      example: 'faq hur fyller jag på saldot',
    },
    connect: {
      args: '<api-nyckel>',
      summary: 'Kopplar arbetsytan till API-nyckelns konto. Du får nyckelns roll; nyckeln visas aldrig igen.',
      example: 'connect sk_live_…',
    },
    grant: {
      args: '<@person> <roll>',
      summary: 'För admin: ger någon en roll (admin, sender, viewer).',
      example: 'grant @anna sender',
    },
    revoke: {
      args: '<@person>',
      summary: 'För admin: tar bort någons roll; personen kan fortfarande slå upp saker.',
      example: 'revoke @anna',
    },
    lang: {
      args: 'sv|en',
      summary: 'Svar på svenska eller engelska för hela arbetsytan.',
      example: 'lang sv',
    },
    account: {
      args: '<kundnummer eller namn>',
      summary:
        'Supportarbetsytor: ett kontos status, saldo, avsändare, kampanjer, nummer och senaste dygnet.',
      example: 'account 100042',
    },
    credit: {
      args: '<kundnummer> <belopp> <referens>',
      summary:
        'Supportarbetsytor, endast operatörer: bokar kredit (negativt: en justering) när du bekräftat.',
      example: 'credit 100042 500 order-10042',
    },
  },

  notLinkedTitle: 'Inte kopplad än',
  welcomeTitle: 'Hej, jag är smsdesk',
  welcome: (p) =>
    `Jag skickar SMS och visar deras status live. För att börja skriver en admin \`${p}connect <api-nyckel>\` med en nyckel från användarportalen (bara hen ser svaret). \`${p}help\`, \`${p}code 503\` och \`${p}faq <fråga>\` fungerar redan nu.`,
  welcomeLinked: 'Jag skickar SMS och visar deras status live. Skriv `help` för att se vad jag kan.',
  notLinked: (p) =>
    `Den här arbetsytan är inte kopplad till något SMS-konto än: en admin skriver \`${p}connect <api-nyckel>\` med en nyckel från användarportalen (bara hen ser svaret).`,
  problemTitle: 'Det där förstod jag inte',
  empty: (p) => `Säg vad jag ska göra, till exempel \`${p}help\` för en lista över kommandon.`,
  tooLong: (max) => `Det är längre än jag läser (${max} tecken).`,
  unknownCommand: (word, suggestion, p) =>
    suggestion === null
      ? `Kommandot ”${word}” känner jag inte till. \`${p}help\` visar dem jag kan.`
      : `Kommandot ”${word}” känner jag inte till. Menade du \`${p}${suggestion}\`?`,
  missingArgument: (argument, usage, example) =>
    `Det saknas ${argument}. Skriv \`${usage}\`, till exempel \`${example}\`.`,
  badArgument: {
    not_a_validity: (v) =>
      `”${v}” är ingen giltighetstid: skriv timmar från 1 till 72, till exempel valid 24h.`,
    not_a_template_name: (v) => `”${v}” är inget mallnamn: bokstäver, siffror, - och _, högst 40.`,
    not_a_number: (v) => `”${v}” är inget telefonnummer. Skriv +46701234567 eller 0701234567.`,
    number_cut_short: (v) =>
      `”${v}” är för kort för ett telefonnummer. Skriv hela numret, till exempel 070-123 45 67 eller +46 70 123 45 67.`,
    unclosed_quote: () =>
      'Mottagarna börjar med ett citattecken som aldrig avslutas. Lägg till det avslutande ".',
    empty_group: () => '`group:` behöver ett gruppnamn, till exempel group:personal.',
    not_a_mention: (v) => `”${v}” är ingen person. Nämn hen med @, till exempel @anna.`,
    unknown_role: (v) => `”${v}” är ingen roll. Välj admin, sender eller viewer.`,
    unknown_lang: (v) => `”${v}” är inget språk jag kan. Välj sv eller en.`,
    not_an_id: (v) => `”${v}” är varken ett meddelande-id eller ett telefonnummer.`,
    not_an_amount: (v) => `”${v}” är inget belopp: skriv det i hela kronor, t.ex. 500 eller -25,50.`,
    too_long: (_v, a) => `${a} är för lång.`,
    extra_words: (_v, a) => `Där ska bara ${a} stå, inget mer.`,
  },
  ambiguousRecipients: (r, body, quoted) =>
    `Jag är inte säker på var numren slutar. Jag skulle ha skickat ”${body}” till ${r.join(', ')}. Stämmer det, sätt mottagarna inom citattecken: \`${quoted}\`. Inget skickades.`,
  seeHelp: (p, c) => `\`${p}help ${c}\` visar hur.`,

  forbiddenTitle: 'Inte tillåtet',
  forbiddenSend: (role) =>
    `Din roll här är ${role}: du kan slå upp saker men inte skicka eller spärra. En admin kan ge dig rollen sender med \`grant\`.`,
  forbiddenAdmin: 'Bara arbetsytans admins kan göra det.',
  unexpectedError: (ref) =>
    `Något gick fel hos oss. Försök igen; om det fortsätter, ange ${ref} till supporten.`,
  refused: (m) => `Begäran avvisades: ${m}`,
  notFound: (what) => `Det finns inget ${what} i det här kontot.`,

  connectBadKey: 'API-nyckeln är ogiltig eller återkallad. Ingenting kopplades.',
  connectTakenTitle: 'Redan kopplad',
  connectTaken: 'Arbetsytan är redan kopplad till ett annat konto. Bara dess admins kan koppla om den.',
  connectedTitle: 'Kopplad',
  connected: (account, role, p) =>
    `Arbetsytan använder nu kontot ${account}, och din roll är ${role}. Prova \`${p}balance\` eller \`${p}help\`.`,
  connectNote: 'Själva nyckeln sparas inte i chatten och visas aldrig igen.',
  granted: (who, role) => `${who} har nu rollen ${role}.`,
  revoked: (who) => `${who} har inte längre någon roll här och kan bara slå upp saker.`,
  notAMember: (who) => `${who} hade ingen roll här.`,
  langSet: 'Från och med nu svarar jag på svenska i den här arbetsytan.',

  balanceTitle: 'Saldo',
  account: 'Konto',
  balance: 'Saldo',

  codeTitle: (code, name) => `${code} ${name}`,
  codeUnknown: (q) =>
    `Ingen statuskod eller namn matchar ”${q}”. Koder är tal som 201 eller namn som DeliveredToHandset.`,
  codeLegacy: (old, code, name) =>
    `”${old}” är ett namn från gamla webb-SMS; i dag heter det ${code} ${name}.`,
  group: 'Grupp',
  final: 'Slutgiltig',
  whatToDo: 'Gör så här',

  contactsTitle: (n) => (n === 1 ? '1 kontakt' : `${n} kontakter`),
  contactsNone: (s) => (s === null ? 'Kontaktboken är tom.' : `Inga kontakter matchar ”${s}”.`),
  contactsMore: 'Fler matchar; gör sökningen snävare för att se dem.',

  blocked: (n) => `${n} är spärrat: inga SMS går dit förrän spärren hävs.`,
  unblocked: (n) => `${n} är inte längre spärrat.`,
  notBlocked: (n) => `${n} var inte spärrat.`,

  optOutTitle: 'Avregistrering i era SMS',
  optOutModes: {
    off: 'Inget läggs till: mottagarna får inget sätt att avregistrera sig i själva meddelandet.',
    link: 'Varje marknadsförings-SMS avslutas med mottagarens egen avregistreringslänk.',
    reply: 'Varje marknadsförings-SMS avslutas med hur man svarar STOPP till ert virtuella nummer.',
  },
  optOutMode: 'Läge',
  optOutText: 'Tillagd text',
  optOutRequired: 'Krävs för marknadsföring',
  optOutConfirmations: 'Bekräftelse-SMS',
  optOutServices: 'Tilläggstjänster',
  optOutServiceList: (link, reply) =>
    `länk: ${link ? 'på' : 'av'} (495 kr/år) · STOPP-svar: ${reply ? 'på' : 'av'} (995 kr/år)`,
  optOutNote:
    'En administratör ändrar detta med PUT /api/v1/opt-out-settings. Transaktionella utskick får ingen avregistrering.',
  optOutAdded: (n) => (n === 0 ? 'ryms utan extra del' : `+${n} ${n === 1 ? 'del' : 'delar'} per meddelande`),
  finalText: 'Texten som den skickas (första mottagaren)',

  faqTitle: (q) => `Hjälpartiklar om ”${q}”`,
  faqNone: 'Jag hittade ingen hjälpartikel om det. Supporten hjälper gärna till.',

  messageTitle: (id) => `Meddelande ${id}`,
  to: 'Till',
  from: 'Från',
  status: 'Status',
  created: 'Skapat',
  segments: 'Delar',
  price: 'Pris',
  history: 'Historik',
  notFinalYet:
    'Inte slutgiltig än: slutstatusen kommer när telefonen fått meddelandet eller nätet ger upp (oftast inom 72 timmar).',
  numberTitle: (n) => `Senaste meddelandena till ${n}`,
  numberNone: (n) => `Inga meddelanden till ${n} i det här kontot.`,
  batchTitle: (id) => `Utskick ${id}`,
  messages: 'Meddelanden',
  done: 'Klart',

  quoteTitle: (n) => (n === 1 ? 'Skicka till 1 mottagare?' : `Skicka till ${n} mottagare?`),
  quoteText: 'Inget dras förrän du trycker på Skicka.',
  encoding: 'Teckenkodning',
  segmentsPerMessage: 'Delar per meddelande',
  totalSegments: 'Delar totalt',
  balanceAfter: 'Saldo efteråt',
  notCharged: (s) => `${s}, debiteras inte`,
  confirmNote: (m) => `Knapparna fungerar en gång, i ${m} minuter.`,
  sendButton: 'Skicka',
  cancelButton: 'Avbryt',
  allRejectedTitle: 'Inget att skicka',
  allRejected: 'Ingen av mottagarna kan ta emot det här meddelandet:',
  insufficientTitle: 'För lågt saldo',
  insufficient: (balance, price) =>
    `Utskicket kostar ${price} men saldot är ${balance}. Fyll på först; ingenting har dragits.`,

  sentTitle: (n) => (n === 1 ? 'SMS till 1 mottagare' : `SMS till ${n} mottagare`),
  batch: 'Utskick',
  progress: (f, t) => `På väg: ${f} av ${t} har fått slutstatus.`,
  finished: (ok, failed) => `Klart: ${ok} levererade eller avslutade, ${failed} inte levererade.`,
  cancelled: 'Avbrutet. Ingenting skickades eller drogs.',
  confirmationGone: 'Bekräftelsen har gått ut eller redan använts. Inget mer skickades.',
  confirmedBy: (who) => `Bekräftat av ${who}.`,

  inboundIn: (from, body) => `Svar från ${from}: ${body}`,
  replyNoNumber:
    'Jag vet inte vilket nummer jag ska svara här. Svara i tråden när personen har skrivit tillbaka.',
  replySent: (n) => `Skickat som SMS till ${n}.`,
  inviteMe: 'Bjud in mig till kanalen (/invite @smsdesk) så håller jag ett statusmeddelande uppdaterat här.',
}
