/** The texts of support workspaces (linked with an operator key), per language. */

import type { Lang, OperatorRole } from '@smsdesk/core'

export interface SupportTexts {
  roles: Record<OperatorRole, string>
  connectedTitle: string
  connected(operator: string, role: string, prefix: string): string
  onlyInSupport(prefix: string): string
  operatorKeyElsewhere: string
  accountOnly: string
  noRole: string
  operatorOnly: string
  rolesHere: string
  accountRoles: string
  account: string
  customerNumber: string
  state: string
  states: Record<'active' | 'suspended', string>
  balance: string
  senders: string
  senderStates: Record<'pending' | 'approved' | 'rejected', string>
  campaign: string
  campaignNone: string
  campaignOpen: string
  campaignUntil(date: string): string
  numbers: string
  last24h: string
  none: string
  accountNotFound(query: string): string
  accountsFound(count: number): string
  messageNote: string
  numberTitle(number: string): string
  numberNone(number: string): string
  inbound: string
  blocked: string
  notBlocked: string
  blockReasons: Record<'manual' | 'stop' | 'opt_out_link', string>
  more(prefix: string, number: string, page: number): string
  creditTitle: string
  creditConfirm(amount: string, account: string, reference: string): string
  confirmButton: string
  cancelButton: string
  creditBooked(amount: string, account: string, balance: string): string
  creditReplayed(reference: string, balance: string): string
  creditCanceled: string
}

export const SUPPORT_TEXTS: Record<Lang, SupportTexts> = {
  en: {
    roles: { operator: 'operator', support: 'support' },
    connectedTitle: 'Support workspace connected',
    connected: (operator, role, p) =>
      `This workspace is now a support workspace of ${operator}; you have the ${role} role. Look up with \`${p}status\` and \`${p}account\`; every look-up is in the audit log.`,
    onlyInSupport: (p) =>
      `That command works only in a support workspace, one linked with an operator key (\`${p}connect smso_…\`).`,
    operatorKeyElsewhere:
      'This workspace is connected to a customer account. An operator key cannot make it a support workspace.',
    accountOnly:
      'That command acts inside one customer account; a support workspace looks up and books credit.',
    noRole: 'You have no role in this support workspace: ask an operator here to grant you one.',
    operatorOnly: 'Only the operator role may do that; support may look things up.',
    rolesHere: 'In a support workspace the roles are operator and support.',
    accountRoles: 'The operator and support roles exist only in support workspaces.',
    account: 'Account',
    customerNumber: 'Customer number',
    state: 'State',
    states: { active: 'active', suspended: 'suspended' },
    balance: 'Balance',
    senders: 'Senders',
    senderStates: { pending: 'pending', approved: 'approved', rejected: 'rejected' },
    campaign: 'North America',
    campaignNone: 'no campaign',
    campaignOpen: 'booked, open-ended',
    campaignUntil: (d) => `booked until ${d}`,
    numbers: 'Virtual numbers',
    last24h: 'Last 24 hours',
    none: 'none',
    accountNotFound: (q) => `No account has the customer number or name “${q}”.`,
    accountsFound: (n) => `${n} accounts match; write the customer number of the one you mean.`,
    messageNote: 'Looked up across accounts; recorded in the audit log.',
    numberTitle: (n) => `Messages to ${n}, all accounts`,
    numberNone: (n) => `No account has sent to ${n}.`,
    inbound: 'SMS from this number',
    blocked: 'Blocklisted',
    notBlocked: 'not blocklisted in any account',
    blockReasons: { manual: 'added by hand', stop: 'replied STOP', opt_out_link: 'used the opt-out link' },
    more: (p, n, page) => `More: \`${p}status ${n} more ${page}\``,
    creditTitle: 'Book credit?',
    creditConfirm: (amount, account, ref) => `${amount} on ${account}, reference ${ref}.`,
    confirmButton: 'Book',
    cancelButton: 'Cancel',
    creditBooked: (amount, account, balance) => `${amount} booked on ${account}. Balance now ${balance}.`,
    creditReplayed: (ref, balance) => `Reference ${ref} was already booked; nothing new. Balance ${balance}.`,
    creditCanceled: 'Nothing was booked.',
  },
  sv: {
    roles: { operator: 'operatör', support: 'support' },
    connectedTitle: 'Supportarbetsyta kopplad',
    connected: (operator, role, p) =>
      `Arbetsytan är nu en supportarbetsyta för ${operator}; du har rollen ${role}. Slå upp med \`${p}status\` och \`${p}account\`; varje uppslag hamnar i granskningsloggen.`,
    onlyInSupport: (p) =>
      `Kommandot fungerar bara i en supportarbetsyta, en som kopplats med en operatörsnyckel (\`${p}connect smso_…\`).`,
    operatorKeyElsewhere:
      'Arbetsytan är kopplad till ett kundkonto. En operatörsnyckel kan inte göra den till en supportarbetsyta.',
    accountOnly: 'Kommandot verkar inom ett kundkonto; en supportarbetsyta slår upp och bokar kredit.',
    noRole: 'Du har ingen roll i den här supportarbetsytan: be en operatör här att ge dig en.',
    operatorOnly: 'Bara rollen operatör får göra det; support får slå upp.',
    rolesHere: 'I en supportarbetsyta är rollerna operator och support.',
    accountRoles: 'Rollerna operator och support finns bara i supportarbetsytor.',
    account: 'Konto',
    customerNumber: 'Kundnummer',
    state: 'Läge',
    states: { active: 'aktivt', suspended: 'avstängt' },
    balance: 'Saldo',
    senders: 'Avsändare',
    senderStates: { pending: 'väntar', approved: 'godkänd', rejected: 'avslagen' },
    campaign: 'Nordamerika',
    campaignNone: 'ingen kampanj',
    campaignOpen: 'bokad, tills vidare',
    campaignUntil: (d) => `bokad till ${d}`,
    numbers: 'Virtuella nummer',
    last24h: 'Senaste dygnet',
    none: 'inga',
    accountNotFound: (q) => `Inget konto har kundnumret eller namnet ”${q}”.`,
    accountsFound: (n) => `${n} konton matchar; skriv kundnumret för det du menar.`,
    messageNote: 'Uppslaget över alla konton; finns i granskningsloggen.',
    numberTitle: (n) => `Meddelanden till ${n}, alla konton`,
    numberNone: (n) => `Inget konto har skickat till ${n}.`,
    inbound: 'SMS från numret',
    blocked: 'Spärrat',
    notBlocked: 'inte spärrat i något konto',
    blockReasons: {
      manual: 'lagt till för hand',
      stop: 'svarade STOP',
      opt_out_link: 'använde avregistreringslänken',
    },
    more: (p, n, page) => `Fler: \`${p}status ${n} more ${page}\``,
    creditTitle: 'Boka kredit?',
    creditConfirm: (amount, account, ref) => `${amount} på ${account}, referens ${ref}.`,
    confirmButton: 'Boka',
    cancelButton: 'Avbryt',
    creditBooked: (amount, account, balance) => `${amount} bokat på ${account}. Saldot är nu ${balance}.`,
    creditReplayed: (ref, balance) => `Referensen ${ref} var redan bokad; inget nytt. Saldo ${balance}.`,
    creditCanceled: 'Inget bokades.',
  },
}
