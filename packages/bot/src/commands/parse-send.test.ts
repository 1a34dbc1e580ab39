import fc from 'fast-check'
import { getCountries, getExampleNumber, parsePhoneNumberWithError } from 'libphonenumber-js/max'
import mobileExamples from 'libphonenumber-js/mobile/examples'
import { describe, expect, it } from 'vitest'
import type { Command, ParseResult } from './command.ts'
import { parseCommand } from './parse.ts'

/** Every region's example mobile number, in E.164. */
const EXAMPLES = getCountries()
  .map((c) => getExampleNumber(c, mobileExamples)?.number)
  .filter((n): n is NonNullable<typeof n> => n !== undefined)

/** Swedish mobiles: the only ones a NATIONAL form reads back as (the default region is SE). */
const swedishMobile = fc
  .tuple(fc.constantFrom('70', '72', '73', '76', '79'), fc.stringMatching(/^\d{7}$/))
  .map(([p, rest]) => `+46${p}${rest}`)

/** Text that does not itself start like a recipient or a separator, so where it starts is never in doubt. */
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 120 })
  .map((s) => s.trim())
  .filter(
    (s) =>
      s !== '' &&
      !/^[+＋(\p{Nd}"“”„,;:-]/u.test(s) &&
      !/^(?:och|and|&|samt)(?:\s|$)/i.test(s) &&
      !/^(?:group|grupp):/i.test(s) &&
      !/^tel:/i.test(s) &&
      !/^(?:ext|x|anknytning|#)/i.test(s),
  )

const send = (recipients: string[], body: string, groups: string[] = []): ParseResult => ({
  ok: true,
  command: { kind: 'send', recipients, groups, body } satisfies Command,
})

describe('send: numbers as people write them', () => {
  it('reads any number in any of libphonenumber’s formats back, and the text after it', () => {
    const formatted = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(...EXAMPLES),
          fc.constantFrom('E.164', 'INTERNATIONAL', 'RFC3966') as fc.Arbitrary<
            'E.164' | 'INTERNATIONAL' | 'RFC3966'
          >,
        )
        .map(([n, format]) => ({ e164: n, typed: parsePhoneNumberWithError(n).format(format) })),
      fc
        .tuple(
          swedishMobile,
          fc.constantFrom('E.164', 'INTERNATIONAL', 'NATIONAL', 'RFC3966', 'IDD') as fc.Arbitrary<
            'E.164' | 'INTERNATIONAL' | 'NATIONAL' | 'RFC3966' | 'IDD'
          >,
        )
        .map(([n, format]) => {
          const parsed = parsePhoneNumberWithError(n)
          const typed =
            format === 'IDD' ? `00${parsed.formatInternational().slice(1)}` : parsed.format(format)
          return { e164: n, typed }
        }),
    )
    fc.assert(
      fc.property(formatted, text, ({ e164, typed }, body) => {
        expect(parseCommand(`send ${typed} ${body}`)).toEqual(send([e164], body))
      }),
      { numRuns: 1500 },
    )
  })

  it('reads lists of numbers in any format, separated by commas, och, and or spaces', () => {
    const separator = fc.constantFrom(', ', ',', ' ', ' och ', ' and ', '; ', ' & ')
    fc.assert(
      fc.property(
        fc.uniqueArray(swedishMobile, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.constantFrom('E.164', 'INTERNATIONAL', 'NATIONAL') as fc.Arbitrary<'E.164' | 'NATIONAL'>,
          {
            minLength: 4,
            maxLength: 4,
          },
        ),
        separator,
        text,
        (numbers, formats, sep, body) => {
          const typed = numbers.map((n, i) => parsePhoneNumberWithError(n).format(formats[i] ?? 'E.164'))
          expect(parseCommand(`send ${typed.join(sep)} ${body}`)).toEqual(send(numbers, body))
        },
      ),
      { numRuns: 500 },
    )
  })
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
