/** The help texts and the words for parse problems: a wrong command always gets a way forward. */

import type { Messages } from '../i18n/index.ts'
import type { Answer } from './answer.ts'
import { COMMAND_NAMES, type CommandName, type ParseProblem } from './command.ts'

function usageOf(name: CommandName, t: Messages, prefix: string): string {
  const args = t.commands[name].args
  return `${prefix}${name}${args === '' ? '' : ` ${args}`}`
}

/** The command list, or one command in detail; a not-yet-linked workspace also learns about `connect`. */
export function helpAnswer(
  topic: CommandName | null,
  t: Messages,
  prefix: string,
  unlinked: boolean,
): Answer {
  if (topic !== null) {
    const help = t.commands[topic]
    return {
      title: t.helpTopicTitle(usageOf(topic, t, prefix)),
      tone: 'info',
      text: help.summary,
      fields: [
        { label: t.usage, value: usageOf(topic, t, prefix) },
        { label: t.example, value: `${prefix}${help.example}` },
      ],
      ...(topic === 'send' ? { note: t.helpNote } : {}),
      private: true,
    }
  }
  return {
    title: t.helpTitle,
    tone: 'info',
    text: unlinked ? `${t.helpIntro(prefix)}\n${t.notLinked(prefix)}` : t.helpIntro(prefix),
    list: COMMAND_NAMES.map(
      (name) =>
        `\`${usageOf(name, t, prefix)}\` — ${t.commands[name].summary} (${prefix}${t.commands[name].example})`,
    ),
    note: t.helpNote,
    private: true,
  }
}

export function problemAnswer(problem: ParseProblem, t: Messages, prefix: string): Answer {
  const answer = (text: string): Answer => ({ title: t.problemTitle, tone: 'warning', text, private: true })
  switch (problem.code) {
    case 'empty':
      return answer(t.empty(prefix))
    case 'too_long':
      return answer(t.tooLong(problem.max))
    case 'unknown_command':
      return answer(t.unknownCommand(problem.word, problem.suggestion, prefix))
    case 'missing_argument': {
      const help = t.commands[problem.command]
      return answer(
        t.missingArgument(problem.argument, usageOf(problem.command, t, prefix), `${prefix}${help.example}`),
      )
    }
    case 'bad_argument': {
      const words = t.badArgument[problem.reason](problem.value, problem.argument)
      return answer(`${words} ${t.seeHelp(prefix, problem.command)}`)
    }
    case 'ambiguous_recipients': {
      const list = [...problem.recipients, ...problem.groups.map((g) => `group:${g}`)]
      const quoted = `${prefix}send "${list.join(', ')}" ${problem.body}`.trimEnd()
      return answer(t.ambiguousRecipients(list, problem.body, quoted))
    }
  }
}
