/** Real command lines, Swedish and English with typos, and the exact command each must become (or refusal). */
import { describe, expect, it } from 'vitest'
import type { Command, ParseResult } from './command.ts'
import { parseCommand } from './parse.ts'

const sendOf = (recipients: string[], body: string, groups: string[] = []) =>
  ({ kind: 'send', recipients, groups, body }) satisfies Command
const send = (recipients: string[], body: string, groups: string[] = []): ParseResult => ({
  ok: true,
  command: sendOf(recipients, body, groups),
})

/** Real command lines and the exact command each must become (or the exact refusal). */
const TABLE: [string, ParseResult][] = [
  ['send 070-123 45 67 Hej', send(['+46701234567'], 'Hej')],
  ['/sms send 070-123 45 67 Hej', send(['+46701234567'], 'Hej')],
  ['sms send 0701234567 Hej!', send(['+46701234567'], 'Hej!')],
  ['skicka 070 123 45 67 Välkommen in', send(['+46701234567'], 'Välkommen in')],
  ['SKICKA 070-1234567 Tiden är flyttad', send(['+46701234567'], 'Tiden är flyttad')],
  ['send +46 70 123 45 67 Meeting moved to 3pm', send(['+46701234567'], 'Meeting moved to 3pm')],
  ['send +46701234567 Meeting moved', send(['+46701234567'], 'Meeting moved')],
  ['send 0046 70 123 45 67 Hej', send(['+46701234567'], 'Hej')],
  ['send 0046701234567 Hej', send(['+46701234567'], 'Hej')],
  ['send +46 (0)70 123 45 67 Hej', send(['+46701234567'], 'Hej')],
  ['send (070) 123 45 67 Hej', send(['+46701234567'], 'Hej')],
  ['send 070.123.45.67 Hej', send(['+46701234567'], 'Hej')],
  ['send tel:+46-70-123-45-67 Hej', send(['+46701234567'], 'Hej')],
  ['send 070-123 45 67, 070-765 43 21 Hej', send(['+46701234567', '+46707654321'], 'Hej')],
  ['send 070-123 45 67,070-765 43 21 Hej', send(['+46701234567', '+46707654321'], 'Hej')],
  ['send 0701234567,0707654321 Hej', send(['+46701234567', '+46707654321'], 'Hej')],
  ['send 0701234567 0707654321 Hej', send(['+46701234567', '+46707654321'], 'Hej')],
  ['skicka 070-123 45 67 och 070-765 43 21 Hej båda', send(['+46701234567', '+46707654321'], 'Hej båda')],
  ['send +46701234567 and +46707654321 See you', send(['+46701234567', '+46707654321'], 'See you')],
  ['send 0701234567; 0707654321 Hej', send(['+46701234567', '+46707654321'], 'Hej')],
  ['send 0701234567, 0701234567 Hej', send(['+46701234567'], 'Hej')],
  ['send 0701234567 och välkommen', send(['+46701234567'], 'och välkommen')],
  ['send 0701234567 and then some', send(['+46701234567'], 'and then some')],
  ['send group:kunder Rea i helgen!', send([], 'Rea i helgen!', ['kunder'])],
  ['skicka grupp:Personal Möte kl 10', send([], 'Möte kl 10', ['Personal'])],
  ['send group:kunder, 070-123 45 67 Hej', send(['+46701234567'], 'Hej', ['kunder'])],
  ['send 070-123 45 67 och group:staff Hej', send(['+46701234567'], 'Hej', ['staff'])],
  ['send "070-123 45 67, 070 765 43 21" Hej', send(['+46701234567', '+46707654321'], 'Hej')],
  ['send “070-123 45 67” Hej', send(['+46701234567'], 'Hej')],
  ['send "0701234567" 10 % rabatt idag', send(['+46701234567'], '10 % rabatt idag')],
  ['send +1 212-555-0199 Hi from Sweden', send(['+12125550199'], 'Hi from Sweden')],
  ['send +44 7400 123456 Hello', send(['+447400123456'], 'Hello')],
  ['send 0701234567, Hej', send(['+46701234567'], 'Hej')],
  ['skicka 070-123 45 67: Hej, tiden är flyttad', send(['+46701234567'], 'Hej, tiden är flyttad')],
  ['send 0701234567 :)', send(['+46701234567'], ':)')],
  ['send +24740123 )߀', send(['+24740123'], ')߀')],
  ['send 070-123 45 67 Hej 070-765 43 21 ringer', send(['+46701234567'], 'Hej 070-765 43 21 ringer')],
  ['send +46701234503 Test 503', send(['+46701234503'], 'Test 503')],
  [
    'send 070-123 45 67',
    { ok: false, problem: { code: 'missing_argument', command: 'send', argument: 'text' } },
  ],
  ['send', { ok: false, problem: { code: 'missing_argument', command: 'send', argument: 'recipients' } }],
  [
    'send 070-123 Hej',
    {
      ok: false,
      problem: {
        code: 'bad_argument',
        command: 'send',
        argument: 'recipients',
        value: '070-123',
        reason: 'number_cut_short',
      },
    },
  ],
  [
    'send anna Hej',
    {
      ok: false,
      problem: {
        code: 'bad_argument',
        command: 'send',
        argument: 'recipients',
        value: 'anna',
        reason: 'not_a_number',
      },
    },
  ],
  [
    'send 070-123 45 67 8 Hej',
    {
      ok: false,
      problem: { code: 'ambiguous_recipients', recipients: ['+46701234567'], groups: [], body: '8 Hej' },
    },
  ],
  [
    'send 0701234567 10 % rabatt idag',
    {
      ok: false,
      problem: {
        code: 'ambiguous_recipients',
        recipients: ['+46701234567'],
        groups: [],
        body: '10 % rabatt idag',
      },
    },
  ],
  [
    'send 070-123 45 67 89 kr rabatt',
    {
      ok: false,
      problem: {
        code: 'ambiguous_recipients',
        recipients: ['+46701234567'],
        groups: [],
        body: '89 kr rabatt',
      },
    },
  ],
  [
    'send group: Hej',
    {
      ok: false,
      problem: {
        code: 'bad_argument',
        command: 'send',
        argument: 'recipients',
        value: 'group:',
        reason: 'empty_group',
      },
    },
  ],
  [
    'send "0701234567 Hej',
    {
      ok: false,
      problem: {
        code: 'bad_argument',
        command: 'send',
        argument: 'recipients',
        value: '"0701234567 Hej',
        reason: 'unclosed_quote',
      },
    },
  ],
  [
    'send "0701234567 anna" Hej',
    {
      ok: false,
      problem: {
        code: 'bad_argument',
        command: 'send',
        argument: 'recipients',
        value: 'anna',
        reason: 'not_a_number',
      },
    },
  ],
  [
    'send 0701234567 kl 09:00 imorgon Hej',
    { ok: true, command: { ...sendOf(['+46701234567'], 'Hej'), when: 'kl 09:00 imorgon' } },
  ],
  [
    'skicka 070-123 45 67 imorgon kl 9 God morgon',
    { ok: true, command: { ...sendOf(['+46701234567'], 'God morgon'), when: 'imorgon kl 9' } },
  ],
  [
    'send +46701234567 at 2026-12-24 09:00 Merry Christmas',
    { ok: true, command: { ...sendOf(['+46701234567'], 'Merry Christmas'), when: 'at 2026-12-24 09:00' } },
  ],
  [
    'send 0701234567 tomorrow at 9am See you',
    { ok: true, command: { ...sendOf(['+46701234567'], 'See you'), when: 'tomorrow at 9am' } },
  ],
  [
    'send 0701234567 på fredag kl 14.30 Välkommen',
    { ok: true, command: { ...sendOf(['+46701234567'], 'Välkommen'), when: 'på fredag kl 14.30' } },
  ],
  ['send 0701234567 Idag är det rea!', send(['+46701234567'], 'Idag är det rea!')],
  [
    'send 0701234567 valid 24h Hej',
    { ok: true, command: { ...sendOf(['+46701234567'], 'Hej'), validityHours: 24 } },
  ],
  [
    'send 0701234567 kl 10 imorgon giltig 12 Hej',
    { ok: true, command: { ...sendOf(['+46701234567'], 'Hej'), when: 'kl 10 imorgon', validityHours: 12 } },
  ],
  [
    'send 0701234567 valid 100h Hej',
    {
      ok: false,
      problem: {
        code: 'bad_argument',
        command: 'send',
        argument: 'validity',
        value: '100h',
        reason: 'not_a_validity',
      },
    },
  ],
  [
    'send group:kunder template:Booking',
    { ok: true, command: { ...sendOf([], '', ['kunder']), template: { name: 'booking', variables: {} } } },
  ],
  [
    'skicka grupp:kunder mall:tid date="fredag 14:00"',
    {
      ok: true,
      command: {
        ...sendOf([], '', ['kunder']),
        template: { name: 'tid', variables: { date: 'fredag 14:00' } },
      },
    },
  ],
  ['templates', { ok: true, command: { kind: 'templates' } }],
  ['mallar', { ok: true, command: { kind: 'templates' } }],
  [
    'template save Tid Hej {firstName|vän}!',
    { ok: true, command: { kind: 'template-save', name: 'tid', body: 'Hej {firstName|vän}!' } },
  ],
  ['mall ta-bort tid', { ok: true, command: { kind: 'template-delete', name: 'tid' } }],
  ['cancel bat_0k2x7c9q1v3w8z4h', { ok: true, command: { kind: 'cancel', id: 'bat_0k2x7c9q1v3w8z4h' } }],
  ['avbryt msg_0k2x7c9q1v3w8z4h', { ok: true, command: { kind: 'cancel', id: 'msg_0k2x7c9q1v3w8z4h' } }],
  ['scheduled', { ok: true, command: { kind: 'scheduled' } }],
  [
    'sned 0701234567 Hej',
    { ok: false, problem: { code: 'unknown_command', word: 'sned', suggestion: 'send' } },
  ],
  [
    'skcika 0701234567 Hej',
    { ok: false, problem: { code: 'unknown_command', word: 'skcika', suggestion: null } },
  ],
]

describe('send: a table of real command lines', () => {
  it.each(TABLE)('%s', (line, expected) => {
    expect(parseCommand(line)).toEqual(expected)
  })
  it('has at least 40 lines', () => expect(TABLE.length).toBeGreaterThanOrEqual(40))
})
