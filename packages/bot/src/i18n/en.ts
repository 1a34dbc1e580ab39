/** The bot's texts in English. */

import type { Messages } from './messages.ts'

export const en: Messages = {
  yes: 'yes',
  no: 'no',
  roles: { admin: 'admin', sender: 'sender', viewer: 'viewer' },

  helpTitle: 'What I can do',
  helpIntro: (p) => `Write \`${p}<command>\`. For details on one command: \`${p}help <command>\`.`,
  helpNote:
    'Write numbers as you like (070-123 45 67, +46 70 123 45 67), separated by commas, spaces or "and", plus group:<name>. ' +
    'Then, optionally, a time (tomorrow at 9, at 2026-12-24 09:00) and valid <hours>h; the text comes last.',
  helpTopicTitle: (usage) => usage,
  usage: 'Usage',
  example: 'Example',
  commands: {
    templates: { args: '', summary: 'The account’s saved templates.', example: 'templates' },
    template: {
      args: 'save <name> <text> | delete <name>',
      summary:
        'Saves or deletes a template; {firstName} is filled from the contact, {firstName|friend} has a default.',
      example: 'template save booking Hi {firstName|there}! Your time is {date}.',
    },
    scheduled: { args: '', summary: 'Scheduled SMS waiting to go out.', example: 'scheduled' },
    cancel: {
      args: '<message id> | <batch id>',
      summary: 'Stops a scheduled or queued SMS (or a whole send); the price goes back to the balance.',
      example: 'cancel bat_0k2x7c9q1v3w8z4h',
    },
    help: { args: '[command]', summary: 'This list, or the details of one command.', example: 'help send' },
    send: {
      args: '<recipients> [time] [valid <hours>h] <text | template:<name>>',
      summary:
        'Sends an SMS. Shows segments and price; large or costly sends ask for confirmation first, and nothing is charged until you confirm.',
      example: 'send 0701234567,group:staff The meeting starts at 10.',
    },
    status: {
      args: '<message id> | <number> | batch <id>',
      summary: "A message's status and history, the latest messages to a number, or counts for a whole send.",
      example: 'status 0701234567',
    },
    balance: { args: '', summary: "The account's balance.", example: 'balance' },
    code: {
      args: '<code or name>',
      summary: 'Explains a status code, also the old Swedish names (Levererad, Skickad, Fel).',
      example: 'code 502',
    },
    contacts: { args: '[search]', summary: 'Finds contacts by name or number.', example: 'contacts anna' },
    block: { args: '<number>', summary: 'Stops every future SMS to a number.', example: 'block 0701234567' },
    unblock: {
      args: '<number>',
      summary: 'Lets a blocked number receive SMS again.',
      example: 'unblock 0701234567',
    },
    optout: {
      args: '',
      summary: 'Shows the opt-out your SMS carry (a link or a STOP text) and when it is required.',
      example: 'optout',
    },
    faq: {
      args: '<question>',
      summary:
        'The best answers from the help articles. In support workspaces, `faq report` shows the week’s searches without an answer and the least helpful articles.',
      example: 'faq how do I top up',
    },
    connect: {
      args: '<api key>',
      summary:
        "Links this workspace to the API key's account. You get the key's role; the key is never shown back.",
      example: 'connect sk_live_…',
    },
    grant: {
      args: '<@person> <role>',
      summary: 'Admins: gives someone a role (admin, sender, viewer).',
      example: 'grant @anna sender',
    },
    revoke: {
      args: '<@person>',
      summary: "Admins: takes someone's role away; they can still look things up.",
      example: 'revoke @anna',
    },
    lang: {
      args: 'sv|en',
      summary: 'Answers in Swedish or English for the whole workspace.',
      example: 'lang en',
    },
    account: {
      args: '<customer number or name>',
      summary:
        'Support workspaces: an account’s status, balance, senders, campaigns, numbers and last 24 hours.',
      example: 'account 100042',
    },
    credit: {
      args: '<customer number> <amount> <reference>',
      summary:
        'Support workspaces, operators only: books credit (negative: an adjustment) after you confirm.',
      example: 'credit 100042 500 order-10042',
    },
  },

  notLinkedTitle: 'Not connected yet',
  welcomeTitle: 'Hi, I am smsdesk',
  welcome: (p) =>
    `I send SMS and show their status live. To start, an admin writes \`${p}connect <api key>\` with a key from the user portal (only they see the reply). \`${p}help\`, \`${p}code 503\` and \`${p}faq <question>\` work already.`,
  welcomeLinked: 'I send SMS and show their status live. Write `help` to see what I can do.',
  notLinked: (p) =>
    `This workspace is not connected to an SMS account yet: an admin writes \`${p}connect <api key>\` with a key from the user portal (only they see the reply).`,
  problemTitle: 'I did not get that',
  empty: (p) => `Tell me what to do, e.g. \`${p}help\` for the list of commands.`,
  tooLong: (max) => `That is longer than I read (${max} characters).`,
  unknownCommand: (word, suggestion, p) =>
    suggestion === null
      ? `I don't know the command “${word}”. \`${p}help\` lists the ones I know.`
      : `I don't know the command “${word}”. Did you mean \`${p}${suggestion}\`?`,
  missingArgument: (argument, usage, example) =>
    `Missing ${argument}. Usage: \`${usage}\`, e.g. \`${example}\`.`,
  badArgument: {
    not_a_validity: (v) => `“${v}” is not a validity: write hours from 1 to 72, e.g. valid 24h.`,
    not_a_template_name: (v) => `“${v}” is not a template name: letters, digits, - and _, at most 40.`,
    not_a_number: (v) => `“${v}” is not a phone number. Write +46701234567 or 0701234567.`,
    number_cut_short: (v) =>
      `“${v}” is too short for a phone number. Write the whole number, e.g. 070-123 45 67 or +46 70 123 45 67.`,
    unclosed_quote: () => 'The recipients start with a quote that never closes. Add the closing ".',
    empty_group: () => '`group:` needs a group name, e.g. group:staff.',
    not_a_mention: (v) => `“${v}” is not a person. @mention them, e.g. @anna.`,
    unknown_role: (v) => `“${v}” is not a role. Choose admin, sender or viewer.`,
    unknown_lang: (v) => `“${v}” is not a language I speak. Choose sv or en.`,
    not_an_id: (v) => `“${v}” is neither a message id nor a phone number.`,
    not_an_amount: (v) => `“${v}” is not an amount: write it in whole units, e.g. 500 or -25.50.`,
    too_long: (_v, a) => `The ${a} is too long.`,
    extra_words: (_v, a) => `Only the ${a} is expected there, nothing more.`,
  },
  ambiguousRecipients: (r, body, quoted) =>
    `I am not sure where the numbers end. I would have sent “${body}” to ${r.join(', ')}. If that is right, put the recipients in quotes: \`${quoted}\`. Nothing was sent.`,
  seeHelp: (p, c) => `\`${p}help ${c}\` shows how.`,

  forbiddenTitle: 'Not allowed',
  forbiddenSend: (role) =>
    `Your role here is ${role}: you can look things up but not send or block. An admin can give you the sender role with \`grant\`.`,
  forbiddenAdmin: 'Only admins of this workspace can do that.',
  unexpectedError: (ref) =>
    `Something went wrong on our side. Please try again; if it keeps happening, quote ${ref} to support.`,
  refused: (m) => `The request was refused: ${m}`,
  notFound: (what) => `Nothing called ${what} in this account.`,

  connectBadKey: 'That API key is not valid or has been revoked. Nothing was connected.',
  connectTakenTitle: 'Already connected',
  connectTaken:
    'This workspace is already connected to another account. Only its admins can connect it elsewhere.',
  connectedTitle: 'Connected',
  connected: (account, role, p) =>
    `This workspace now uses the account ${account}, and your role is ${role}. Try \`${p}balance\` or \`${p}help\`.`,
  connectNote: 'The key itself is not stored in chat and never shown again.',
  granted: (who, role) => `${who} now has the role ${role}.`,
  revoked: (who) => `${who} no longer has a role here and can only look things up.`,
  notAMember: (who) => `${who} had no role here.`,
  langSet: 'From now on I answer in English in this workspace.',

  balanceTitle: 'Balance',
  account: 'Account',
  balance: 'Balance',

  codeTitle: (code, name) => `${code} ${name}`,
  codeUnknown: (q) =>
    `No status code or name matches “${q}”. Codes are numbers like 201 or names like DeliveredToHandset.`,
  codeLegacy: (old, code, name) => `“${old}” is a name from the old web SMS; today it is ${code} ${name}.`,
  group: 'Group',
  final: 'Final',
  whatToDo: 'What to do',

  contactsTitle: (n) => (n === 1 ? '1 contact' : `${n} contacts`),
  contactsNone: (s) => (s === null ? 'The contact book is empty.' : `No contacts match “${s}”.`),
  contactsMore: 'More match; narrow the search to see them.',

  blocked: (n) => `${n} is blocked: no SMS will go to it until it is unblocked.`,
  unblocked: (n) => `${n} is no longer blocked.`,
  notBlocked: (n) => `${n} was not blocked.`,

  optOutTitle: 'Opt-out in your SMS',
  optOutModes: {
    off: 'Nothing is added: recipients get no way to opt out in the message itself.',
    link: 'Each marketing SMS ends with the recipient’s own opt-out link.',
    reply: 'Each marketing SMS ends with how to reply STOP to your virtual number.',
  },
  optOutMode: 'Mode',
  optOutText: 'Added text',
  optOutRequired: 'Required for marketing',
  optOutConfirmations: 'Confirmation SMS',
  optOutServices: 'Add-ons',
  optOutServiceList: (link, reply) =>
    `link: ${link ? 'on' : 'off'} (495 kr/year) · STOP reply: ${reply ? 'on' : 'off'} (995 kr/year)`,
  optOutNote:
    'An admin changes these with PUT /api/v1/opt-out-settings. Transactional sends carry no opt-out.',
  optOutAdded: (n) =>
    n === 0 ? 'fits without an extra segment' : `+${n} segment${n === 1 ? '' : 's'} per message`,
  finalText: 'Text as sent (first recipient)',

  faqTitle: (q) => `Help articles for “${q}”`,
  faqNone: 'I found no help article about that. Support is happy to help.',

  messageTitle: (id) => `Message ${id}`,
  to: 'To',
  from: 'From',
  status: 'Status',
  created: 'Created',
  segments: 'Segments',
  price: 'Price',
  history: 'History',
  notFinalYet:
    'Not final yet: the final status arrives when the phone has the message or the network gives up (usually within 72 hours).',
  numberTitle: (n) => `Latest messages to ${n}`,
  numberNone: (n) => `No messages to ${n} in this account.`,
  batchTitle: (id) => `Send ${id}`,
  messages: 'Messages',
  done: 'Finished',

  quoteTitle: (n) => (n === 1 ? 'Send to 1 recipient?' : `Send to ${n} recipients?`),
  quoteText: 'Nothing is charged until you press Send.',
  encoding: 'Encoding',
  segmentsPerMessage: 'Segments per message',
  totalSegments: 'Segments in total',
  balanceAfter: 'Balance after',
  notCharged: (s) => `${s}, not charged`,
  confirmNote: (m) => `The buttons work once, for ${m} minutes.`,
  sendButton: 'Send',
  cancelButton: 'Cancel',
  allRejectedTitle: 'Nothing to send',
  allRejected: 'None of the recipients can receive this message:',
  insufficientTitle: 'Balance too low',
  insufficient: (balance, price) =>
    `This send costs ${price} but the balance is ${balance}. Top up first; nothing was charged.`,

  sentTitle: (n) => (n === 1 ? 'SMS to 1 recipient' : `SMS to ${n} recipients`),
  batch: 'Send',
  progress: (f, t) => `On its way: ${f} of ${t} have a final status.`,
  finished: (ok, failed) => `Finished: ${ok} delivered or done, ${failed} not delivered.`,
  cancelled: 'Cancelled. Nothing was sent or charged.',
  confirmationGone: 'This confirmation has expired or was already used. Nothing more was sent.',
  confirmedBy: (who) => `Confirmed by ${who}.`,

  inboundIn: (from, body) => `Reply from ${from}: ${body}`,
  replyNoNumber:
    'I cannot tell which number to answer here. Reply in the thread after the person has written back.',
  replySent: (n) => `Sent as SMS to ${n}.`,
  inviteMe: 'Invite me to this channel (/invite @smsdesk) and I will keep a live status message here.',
}
