/** `.env.example` lists every variable the server and the bot read, each with a one-line meaning, and nothing else. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig, SERVER_VARIABLES } from '@smsdesk/server'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n')
const VARIABLE = /^# ([A-Za-z][A-Za-z0-9_]*)=(.*)$/

/** The bot reads its variables by name in its config module (`get('X')`, `wholeNumber(env, 'X', …)`). */
function botVariables(): string[] {
  const source = readFileSync(join(ROOT, 'packages/bot/src/config.ts'), 'utf8')
  const names = [...source.matchAll(/(?:get\(|\(env, |^\s+)'([A-Za-z][A-Za-z0-9_]+)'/gm)].map((m) => m[1]!)
  return [...new Set(names.filter((n) => /^(BOT_|SLACK_|SUPPORT_CHANNEL|Microsoft|NODE_ENV)/.test(n)))]
}

describe('.env.example', () => {
  const listed = lines.flatMap((l) => {
    const m = l.match(VARIABLE)
    return m ? [{ name: m[1]!, value: m[2]!, at: lines.indexOf(l) }] : []
  })
  const names = listed.map((v) => v.name)

  it('lists every server and bot variable once, and only those', () => {
    const expected = [...SERVER_VARIABLES, ...botVariables()].sort()
    expect([...names].sort()).toEqual(expected)
    expect(new Set(names).size).toBe(names.length)
  })

  it('says what each one means on the line above', () => {
    for (const v of listed) {
      const above =
        lines
          .slice(0, v.at)
          .reverse()
          .find((l) => !VARIABLE.test(l)) ?? ''
      expect(above, v.name).toMatch(/^# \S.{8,}/)
    }
  })

  it('gives defaults the server itself would use', () => {
    const env = Object.fromEntries(
      listed.filter((v) => SERVER_VARIABLES.includes(v.name)).map((v) => [v.name, v.value]),
    )
    const fromFile = loadConfig(env, ROOT)
    const fromNothing = loadConfig({}, ROOT)
    expect({ ...fromFile, callbackSigningSecret: undefined }).toEqual(fromNothing)
  })
})
