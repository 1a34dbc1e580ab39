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

const sendOf = (recipients: string[], body: string, groups: string[] = []) =>
  ({ kind: 'send', recipients, groups, body }) satisfies Command
const send = (recipients: string[], body: string, groups: string[] = []): ParseResult => ({
  ok: true,
  command: sendOf(recipients, body, groups),
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
