import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES } from './command.ts'
import { MAX_INPUT, parseCommand } from './parse.ts'

describe('parseCommand', () => {
  it('reads every command with its arguments', () => {
    expect(parseCommand('help')).toEqual({ ok: true, command: { kind: 'help', topic: null } })
    expect(parseCommand('help send')).toEqual({ ok: true, command: { kind: 'help', topic: 'send' } })
    expect(parseCommand('send 0701234567,+46709876543,group:Staff Hej på er!')).toEqual({
      ok: true,
      command: {
        kind: 'send',
        recipients: ['+46701234567', '+46709876543'],
        groups: ['Staff'],
        body: 'Hej på er!',
      },
    })
    expect(parseCommand('status msg_0k2x7c9q1v3w8z4h')).toEqual({
      ok: true,
      command: { kind: 'status-message', id: 'msg_0k2x7c9q1v3w8z4h' },
    })
    expect(parseCommand('status 070-123 45 67')).toEqual({
      ok: true,
      command: { kind: 'status-number', number: '0701234567', page: 1 },
    })
    expect(parseCommand('status batch bat_123abc')).toEqual({
      ok: true,
      command: { kind: 'status-batch', id: 'bat_123abc' },
    })
    expect(parseCommand('balance')).toEqual({ ok: true, command: { kind: 'balance' } })
    expect(parseCommand('code Levererad')).toEqual({
      ok: true,
      command: { kind: 'code', query: 'Levererad' },
    })
    expect(parseCommand('contacts')).toEqual({ ok: true, command: { kind: 'contacts', search: null } })
    expect(parseCommand('contacts anna')).toEqual({ ok: true, command: { kind: 'contacts', search: 'anna' } })
    expect(parseCommand('block 070 123 45 67')).toEqual({
      ok: true,
      command: { kind: 'block', number: '0701234567' },
    })
    expect(parseCommand('unblock 0046701234567')).toEqual({
      ok: true,
      command: { kind: 'unblock', number: '+46701234567' },
    })
    expect(parseCommand('faq how do I top up?')).toEqual({
      ok: true,
      command: { kind: 'faq', question: 'how do I top up?' },
    })
    expect(parseCommand('connect sk_live_abc123def456')).toEqual({
      ok: true,
      command: { kind: 'connect', apiKey: 'sk_live_abc123def456' },
    })
    expect(parseCommand('grant <@U123ABC> sender')).toEqual({
      ok: true,
      command: { kind: 'grant', userId: 'U123ABC', role: 'sender' },
    })
    expect(parseCommand('revoke <@29:1a-b_c>')).toEqual({
      ok: true,
      command: { kind: 'revoke', userId: '29:1a-b_c' },
    })
    expect(parseCommand('lang en')).toEqual({ ok: true, command: { kind: 'lang', lang: 'en' } })
  })

  it('reads numbers with spaces, with or without quotes', () => {
    expect(parseCommand('send "070-123 45 67, 070 765 43 21" Hej')).toEqual({
      ok: true,
      command: { kind: 'send', recipients: ['+46701234567', '+46707654321'], groups: [], body: 'Hej' },
    })
    expect(parseCommand('send 070-123 45 67 Hej')).toEqual({
      ok: true,
      command: { kind: 'send', recipients: ['+46701234567'], groups: [], body: 'Hej' },
    })
    expect(parseCommand('send 070-123 Hej')).toEqual({
      ok: false,
      problem: {
        code: 'bad_argument',
        command: 'send',
        argument: 'recipients',
        value: '070-123',
        reason: 'number_cut_short',
      },
    })
    expect(parseCommand('send "0701234567 Hej')).toMatchObject({
      ok: false,
      problem: { reason: 'unclosed_quote' },
    })
  })

  it('accepts a leading sms word, Swedish aliases and any letter case', () => {
    expect(parseCommand('sms BALANCE')).toEqual({ ok: true, command: { kind: 'balance' } })
    expect(parseCommand('  saldo ')).toEqual({ ok: true, command: { kind: 'balance' } })
    expect(parseCommand('sms')).toEqual({ ok: false, problem: { code: 'empty' } })
  })

  it('explains what is wrong, with a suggestion for typos', () => {
    expect(parseCommand('sned 0701234567 hi')).toEqual({
      ok: false,
      problem: { code: 'unknown_command', word: 'sned', suggestion: 'send' },
    })
    expect(parseCommand('send 0701234567')).toEqual({
      ok: false,
      problem: { code: 'missing_argument', command: 'send', argument: 'text' },
    })
    expect(parseCommand('grant bob admin')).toMatchObject({ ok: false, problem: { reason: 'not_a_mention' } })
    expect(parseCommand('grant <@U1> boss')).toMatchObject({ ok: false, problem: { reason: 'unknown_role' } })
    expect(parseCommand('lang de')).toMatchObject({ ok: false, problem: { reason: 'unknown_lang' } })
    expect(parseCommand('x'.repeat(MAX_INPUT + 1))).toEqual({
      ok: false,
      problem: { code: 'too_long', max: MAX_INPUT },
    })
  })

  it('never echoes an API key in a problem', () => {
    const result = parseCommand('connect secret-key-1 secret-key-2')
    expect(result.ok).toBe(false)
    expect(JSON.stringify(result)).not.toContain('secret-key')
  })

  it('never throws and always answers with a command or a problem, whatever the text', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ maxLength: 20_000 }),
      fc
        .tuple(
          fc.constantFrom(...COMMAND_NAMES, 'sms', 'sms send', 'skicka', 'status batch'),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
        )
        .map(([word, rest]) => `${word} ${rest}`),
    )
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseCommand(text)
        if (result.ok) expect(typeof result.command.kind).toBe('string')
        else expect(typeof result.problem.code).toBe('string')
        expect(parseCommand(text)).toEqual(result)
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps any valid send it is given: the recipients and the body come back as typed', () => {
    const localNumber = fc
      .constantFrom('070', '072', '073', '076', '079')
      .chain((p) => fc.stringMatching(/^\d{7}$/).map((rest) => `${p}${rest}`))
    const body = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
      .filter((s) => s.trim() === s && s !== '')
    fc.assert(
      fc.property(fc.uniqueArray(localNumber, { minLength: 1, maxLength: 5 }), body, (numbers, text) => {
        const result = parseCommand(`send "${numbers.join(',')}" ${text}`)
        expect(result).toEqual({
          ok: true,
          command: {
            kind: 'send',
            recipients: numbers.map((n) => `+46${n.slice(1)}`),
            groups: [],
            body: text,
          },
        })
      }),
    )
  })
})
