import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES } from './commands/command.ts'
import { parseCommand } from './commands/parse.ts'
import { COMPOSE_CALLBACK_ID } from './render/compose.ts'
import { SLACK_BOT_SCOPES } from './slack/oauth/install.ts'

const read = (path: string) => readFileSync(new URL(path, import.meta.url))

describe('Slack app manifest', () => {
  const text = read('../slack/manifest.yml').toString('utf8')

  it('points the command, events and interactivity at /slack/events, and OAuth back at /slack/oauth_redirect', () => {
    const urls = [...text.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1])
    expect(urls).toEqual([
      'https://YOUR-HOST/slack/events',
      'https://YOUR-HOST/slack/events',
      'https://YOUR-HOST/slack/events',
    ])
    expect(text).toMatch(/redirect_urls:\n\s+- https:\/\/YOUR-HOST\/slack\/oauth_redirect\n/)
    expect(text).toMatch(/command: \/sms\n/)
    expect(text).toMatch(/should_escape: true/)
  })

  it('asks for the scopes the OAuth install asks for, and the events the bot uses', () => {
    for (const scope of SLACK_BOT_SCOPES) expect(text).toContain(`- ${scope}\n`)
    for (const event of ['message.channels', 'message.im', 'app_uninstalled', 'tokens_revoked'])
      expect(text).toContain(`- ${event}\n`)
    expect(text).toMatch(/interactivity:\n\s+is_enabled: true/)
  })

  it('has the global "Skicka SMS" shortcut with the callback id the compose modal listens for', () => {
    expect(text).toMatch(/shortcuts:\n\s+- name: Skicka SMS\n\s+type: global\n\s+callback_id: (\S+)\n/)
    expect(/callback_id: (\S+)/.exec(text)?.[1]).toBe(COMPOSE_CALLBACK_ID)
  })
})

describe('Teams app manifest', () => {
  const manifest = JSON.parse(read('../teams/manifest.json').toString('utf8'))

  it('is schema 1.16 or later with a bot and its command list', () => {
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.16)
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`)
    const commands = manifest.bots[0].commandLists[0].commands as { title: string; description: string }[]
    expect(commands.length).toBeLessThanOrEqual(10)
    for (const c of commands) {
      expect((COMMAND_NAMES as readonly string[]).includes(c.title)).toBe(true)
      expect(parseCommand(`help ${c.title}`)).toEqual({ ok: true, command: { kind: 'help', topic: c.title } })
      expect(c.description.length).toBeLessThanOrEqual(128)
    }
  })

  it('ships both icons at the sizes Teams asks for', () => {
    for (const [file, size] of [
      [manifest.icons.color, 192],
      [manifest.icons.outline, 32],
    ] as const) {
      const png = read(`../teams/${file}`)
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size])
    }
  })
})
