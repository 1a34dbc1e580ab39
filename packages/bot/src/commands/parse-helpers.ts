/** Small builders the command parsers share. */
import type { Command, CommandName, ParseProblem, ParseResult } from './command.ts'
import { shorten } from './recipients.ts'

export const ok = (command: Command): ParseResult => ({ ok: true, command })
export const fail = (problem: ParseProblem): ParseResult => ({ ok: false, problem })
export const missing = (command: CommandName, argument: string): ParseResult =>
  fail({ code: 'missing_argument', command, argument })
export const bad = (
  command: CommandName,
  argument: string,
  value: string,
  reason: Extract<ParseProblem, { code: 'bad_argument' }>['reason'],
): ParseResult => fail({ code: 'bad_argument', command, argument, value: shorten(value), reason })

/** The first word and the trimmed rest. */
export function splitWord(text: string): [string, string] {
  const trimmed = text.trim()
  const space = trimmed.search(/\s/)
  if (space < 0) return [trimmed, '']
  return [trimmed.slice(0, space), trimmed.slice(space).trim()]
}
