/** The first operator on an empty database, the recovery command on the server host, and the provider-wide sender rule. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDesk } from '@smsdesk/core'
import { createTestDesk, testDialects } from '@smsdesk/core/testing'
import { bootstrapOperator, runOperatorCommand } from '@smsdesk/server'
import { describe, expect, it } from 'vitest'

describe('operator keys from the server host', () => {
  it('prints a new key with create-key, usable at once, and refuses a bad command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-cli-'))
    try {
      const out: string[] = []
      const err: string[] = []
      const io = { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) }
      expect(
        await runOperatorCommand(['create-key', 'Eva', 'Ek', '--role', 'support'], { DATA_DIR: dir }, io),
      ).toBe(0)
      expect(out).toEqual([expect.stringMatching(/^smso_[0-9A-Za-z]{32}$/)])
      expect(err.join('\n')).toMatch(/support "Eva Ek"/)
      expect(await runOperatorCommand(['create-key'], { DATA_DIR: dir }, io)).toBe(2)
      expect(await runOperatorCommand(['create-key', 'X', '--role', 'boss'], { DATA_DIR: dir }, io)).toBe(2)
      const desk = await createDesk({ database: join(dir, 'smsdesk.sqlite') })
      try {
        expect(await desk.operator.staff.authenticate(out[0]!)).toMatchObject({
          name: 'Eva Ek',
          role: 'support',
        })
        expect((await desk.audit.list()).items[0]).toMatchObject({ via: 'cli', operatorName: 'Eva Ek' })
      } finally {
        await desk.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

for (const dialect of testDialects()) {
  describe(`first operator and sender defaults on ${dialect}`, () => {
    it('bootstraps one operator on an empty database, with a chosen key, and none later', async () => {
      const desk = await createTestDesk(dialect)
      try {
        const chosen = `smso_${'Boot'.padEnd(32, '1')}`
        const first = await bootstrapOperator(desk, chosen)
        expect(first).toMatchObject({ key: chosen, generated: false })
        expect(await desk.operator.staff.authenticate(chosen)).toMatchObject({ role: 'operator' })
        expect(await bootstrapOperator(desk, undefined)).toBeNull()
        expect(await desk.apiKeys.authenticate(chosen)).toBeNull()
      } finally {
        await desk.close()
      }
    })

    it('applies the provider-wide default to accounts that have not chosen', async () => {
      const desk = await createTestDesk(dialect, { requireRegisteredSenders: true })
      try {
        const strict = await desk.accounts.create({ name: 'Strict', balance: 1_000 })
        const free = await desk.operator.accounts.create({ name: 'Free' })
        await desk.ledger.credit(free.id, { amount: 1_000, reference: 'o-1' })
        await desk.operator.accounts.update(free.id, { requireRegisteredSenders: false })
        const send = { sender: 'Anna', body: 'Hej', recipients: ['+46701234561'] }
        expect((await desk.messages.send(strict.id, send)).messages[0]?.status.code).toBe(403)
        expect((await desk.messages.send(free.id, send)).messages[0]?.status.code).not.toBe(403)
        expect((await desk.accounts.get(strict.id)).requireRegisteredSenders).toBe(true)
      } finally {
        await desk.close()
      }
    })
  })
}
