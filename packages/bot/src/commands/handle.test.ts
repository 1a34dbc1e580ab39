import { createTestDesk, type TestDesk, testDialects } from '@smsdesk/core/testing'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { answerToText } from '../render/text.ts'
import { handleButton } from './actions.ts'
import type { Answer } from './answer.ts'
import type { CommandContext } from './context.ts'
import { handleCommand } from './handle.ts'
import { parseCommand } from './parse.ts'

describe.each(testDialects())('handleCommand on %s', (dialect) => {
  let desk: TestDesk
  let accountId: string
  let adminKey: string
  let viewerKey: string
  let otherKey: string

  beforeEach(async () => {
    desk = await createTestDesk(dialect)
    const account = await desk.accounts.create({
      name: 'Acme',
      balance: 100_000,
      virtualNumbers: ['+46766000333'],
    })
    accountId = account.id
    const admin = await desk.users.create(account.id, { name: 'Ada', role: 'admin' })
    const viewer = await desk.users.create(account.id, { name: 'Vic', role: 'viewer' })
    adminKey = (await desk.apiKeys.issue(account.id, admin.id)).key
    viewerKey = (await desk.apiKeys.issue(account.id, viewer.id)).key
    const other = await desk.accounts.create({ name: 'Other', balance: 100 })
    otherKey = (
      await desk.apiKeys.issue(other.id, (await desk.users.create(other.id, { name: 'O', role: 'admin' })).id)
    ).key
  })
  afterEach(async () => {
    await desk.close()
  })

  const ctxOf = (userId: string, settings: CommandContext['settings'] = {}): CommandContext => ({
    desk,
    platform: 'slack',
    workspaceId: 'T1',
    userId,
    channel: 'C1',
    settings,
  })
  const run = (text: string, userId = 'U1', settings: CommandContext['settings'] = {}): Promise<Answer> =>
    handleCommand(ctxOf(userId, settings), parseCommand(text))
  const all = (a: Answer) => answerToText(a)

  it('answers an unlinked workspace with one sentence about connect, except for help, code and faq', async () => {
    const answer = await run('balance')
    expect(answer.private).toBe(true)
    expect(answer.text).toMatch(/^[^.]*connect <api-nyckel>[^.]*\.$/)
    expect((await run('send 0701234567 hi')).text).toBe(answer.text)
    expect((await run('contacts')).text).toBe(answer.text)
    expect((await run('status 0701234567')).text).toBe(answer.text)
    expect((await run('help')).list?.length).toBeGreaterThan(10)
    expect((await run('code 503')).title).toMatch(/^503 /)
    const faq = await run('faq leveransrapport')
    expect(faq.text).not.toBe(answer.text)
    expect(faq.title).toContain('leveransrapport')
  })

  it('connects with a key, gives the key role, keeps the reply private and never echoes the key', async () => {
    expect((await run('connect sk_nonsense_key')).text).toMatch(/ogiltig/)
    const answer = await run(`connect ${adminKey}`)
    expect(answer).toMatchObject({ tone: 'success', private: true })
    expect(JSON.stringify(answer)).not.toContain(adminKey)
    expect(await desk.chat.getWorkspace('slack', 'T1')).toMatchObject({ accountId, lang: 'sv' })
    expect(await desk.chat.getMemberRole('slack', 'T1', 'U1')).toBe('admin')
    // A viewer's key from the same account links them as viewer.
    await run(`connect ${viewerKey}`, 'U2')
    expect(await desk.chat.getMemberRole('slack', 'T1', 'U2')).toBe('viewer')
    // Someone who is not an admin here cannot move the workspace to another account.
    expect((await run(`connect ${otherKey}`, 'U3')).title).toBe('Redan kopplad')
    expect((await desk.chat.getWorkspace('slack', 'T1'))?.accountId).toBe(accountId)
  })

  describe('when linked', () => {
    beforeEach(async () => {
      await run(`connect ${adminKey}`)
      await run('lang en')
    })

    it('lets viewers (and people without a role) look up but not send, block or grant', async () => {
      for (const text of ['send 0701234567 hi', 'block 0701234567', 'grant <@U1> viewer', 'lang sv']) {
        const answer = await run(text, 'UNOBODY')
        expect(answer.title, text).toBe('Not allowed')
      }
      expect((await run('balance', 'UNOBODY')).fields).toContainEqual({
        label: 'Balance',
        value: '1000.00 SEK',
      })
      expect((await desk.messages.list(accountId)).items).toHaveLength(0)
    })

    it('sends small sends at once and answers with the live message to track', async () => {
      const answer = await run('send 0701234567,+46709876543 Hello there')
      expect(answer.private).toBe(false)
      expect(answer.track?.accountId).toBe(accountId)
      const page = await desk.messages.list(accountId, { batchId: answer.track?.batchId ?? '' })
      expect(page.items.map((m) => m.recipient).sort()).toEqual(['+46701234567', '+46709876543'])
      expect(page.items[0]?.sender).toBe('+46766000333')
      expect(page.items[0]?.source).toBe('slack')
      expect(all(answer)).toContain('+46709876543')
    })

    it('asks first above 10 recipients or the amount, charges nothing, and sends exactly once', async () => {
      const numbers = Array.from({ length: 11 }, (_, i) => `07011122${String(i).padStart(2, '0')}`).join(',')
      const balance = await desk.ledger.balance(accountId)
      const ask = await run(`send ${numbers} Hello all`)
      expect(ask.buttons?.map((b) => b.action)).toEqual(['confirm_send', 'cancel_send'])
      expect(ask.fields?.map((f) => f.label)).toEqual(
        expect.arrayContaining(['Segments per message', 'Price', 'Balance after']),
      )
      expect(await desk.ledger.balance(accountId)).toEqual(balance)
      expect((await desk.messages.list(accountId)).items).toHaveLength(0)

      const pendingId = ask.buttons?.[0]?.value ?? ''
      expect((await handleButton(ctxOf('UNOBODY'), 'confirm_send', pendingId)).title).toBe('Not allowed')
      const sent = await handleButton(ctxOf('U1'), 'confirm_send', pendingId)
      expect(sent.track).toBeDefined()
      expect((await desk.messages.list(accountId)).items).toHaveLength(11)
      const again = await handleButton(ctxOf('U1'), 'confirm_send', pendingId)
      expect(again.text).toMatch(/expired or was already used/)
      expect((await desk.messages.list(accountId)).items).toHaveLength(11)

      // A cheap amount limit asks even for one recipient; Cancel uses the confirmation up.
      const costly = await run('send 0701234567 Hi', 'U1', { confirmAboveAmount: 0 })
      expect(costly.buttons).toHaveLength(2)
      expect((await handleButton(ctxOf('U1'), 'cancel_send', costly.buttons?.[1]?.value ?? '')).text).toMatch(
        /Cancelled/,
      )
      expect(
        (await handleButton(ctxOf('U1'), 'confirm_send', costly.buttons?.[0]?.value ?? '')).text,
      ).toMatch(/already used/)
      expect((await desk.messages.list(accountId)).items).toHaveLength(11)
    })

    it('refuses a send the balance cannot cover, and explains rejected recipients', async () => {
      const poor = await desk.accounts.create({ name: 'Poor', balance: 1 })
      const admin = await desk.users.create(poor.id, { name: 'P', role: 'admin' })
      const key = (await desk.apiKeys.issue(poor.id, admin.id)).key
      const ctx = { ...ctxOf('UP'), workspaceId: 'TPOOR' }
      await handleCommand(ctx, parseCommand(`connect ${key}`))
      const answer = await handleCommand(ctx, parseCommand('send 0701234567 Hello'))
      expect(answer.title).toBe('För lågt saldo')
      await desk.blocklist.add(accountId, '+46701234567')
      const blocked = await run('send 0701234567 Hello')
      expect(blocked.title).toBe('Nothing to send')
      expect(blocked.list?.[0]).toMatch(/^\+46701234567 · \d{3} \w+/)
    })

    it('grants and revokes roles (admins only) and switches language', async () => {
      expect((await run('grant <@U2> sender')).text).toBe('<@U2> now has the role sender.')
      expect(await desk.chat.getMemberRole('slack', 'T1', 'U2')).toBe('sender')
      expect((await run('grant <@U3> admin', 'U2')).title).toBe('Not allowed')
      expect((await run('revoke <@U2>')).text).toMatch(/no longer has a role/)
      expect(await desk.chat.getMemberRole('slack', 'T1', 'U2')).toBeNull()
      expect((await run('lang sv')).text).toMatch(/svenska/)
      expect((await run('balance')).title).toBe('Saldo')
    })

    it('looks up a message, a number, a send, a code and the FAQ', async () => {
      const sent = await run('send 0701234567 Status please')
      const dispatcher = desk.dispatcher.start({ pollMs: 5 })
      const page = await desk.messages.list(accountId, { batchId: sent.track?.batchId ?? '' })
      const id = page.items[0]?.id ?? ''
      const message = await run(`status ${id}`)
      expect(message.title).toBe(`Message ${id}`)
      expect(message.fields).toContainEqual({ label: 'To', value: '+46701234567' })
      expect(message.list?.length).toBeGreaterThan(0)
      await dispatcher.stop()
      expect((await run('status 070-123 45 67')).list?.[0]).toContain(id)
      expect((await run(`status batch ${sent.track?.batchId}`)).fields?.[0]?.value).toBe(sent.track?.batchId)
      expect((await run(`status ${sent.track?.batchId}`)).title).toMatch(/^SMS to 1 recipient/)
      expect((await run('status msg_doesnotexist')).text).toMatch(/msg_doesnotexist/)
      const code = await run('code Levererad')
      expect(code.title).toBe('201 DeliveredToHandset')
      expect(code.text).toMatch(/Levererad/)
      expect((await run('code 599')).title).toBe('599 Unknown')
      expect((await run('code banana')).text).toMatch(/banana/)
      const faq = await run('faq forgot password', 'U1', { publicUrl: 'https://sms.example.com' })
      expect(faq.title).toBe('I forgot my password')
      expect(faq.text).toMatch(/\*at least 10 characters\*|10 characters/)
      expect(faq.note).toContain('https://sms.example.com/help/en/forgot-password')
      expect((await run('faq forgot password')).note).toBeUndefined()
      expect((await run('faq forgot password')).text?.length).toBeGreaterThan(0)
    })

    it('shows the opt-out settings, and the confirmation shows the final text and the added segments', async () => {
      const off = await run('optout')
      expect(off.title).toBe('Opt-out in your SMS')
      expect(off.fields).toContainEqual({ label: 'Mode', value: 'off' })
      await desk.optOut.setService(accountId, { link: true, reply: true })
      await desk.optOut.updateSettings(accountId, { mode: 'reply' })
      const reply = await run('optout')
      expect(reply.fields).toContainEqual({
        label: 'Added text',
        value: 'Svara STOPP till +46766000333 för att avregistrera dig',
      })
      await desk.optOut.updateSettings(accountId, { mode: 'link' })
      const asked = await run(`send 0701234567 ${'a'.repeat(150)}`, 'U1', { confirmAboveRecipients: 0 })
      expect(asked.buttons?.length).toBe(2)
      expect(asked.fields).toContainEqual({
        label: 'Segments per message',
        value: '2 (+1 segment per message)',
      })
      const finalText = asked.fields?.find((f) => f.label === 'Text as sent (first recipient)')?.value
      expect(finalText).toMatch(/^a{150}\nAvregistrera: http:\/\/localhost:8787\/u\/.{24}$/)
    })

    it('blocks and unblocks, and finds contacts', async () => {
      expect((await run('block 070-123 45 67')).text).toMatch(/\+46701234567 is blocked/)
      expect((await desk.blocklist.list(accountId)).map((b) => b.number)).toEqual(['+46701234567'])
      expect((await run('unblock 0701234567')).text).toMatch(/no longer blocked/)
      expect((await run('unblock 0701234567')).text).toMatch(/was not blocked/)
      await desk.contacts.create(accountId, {
        number: '0705554433',
        firstName: 'Anna',
        lastName: 'Berg',
        groups: ['staff'],
      })
      expect((await run('contacts anna')).list).toEqual(['Anna Berg · +46705554433 · staff'])
      expect((await run('contacts zzz')).text).toMatch(/zzz/)
    })
  })

  it('answers any text with a titled answer, never a throw or a stack trace', async () => {
    await run(`connect ${adminKey}`)
    const words = [
      'send',
      'status',
      'status batch',
      'code',
      'contacts',
      'block',
      'grant',
      'revoke',
      'lang',
      'faq',
      'x',
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...words),
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        async (word, rest) => {
          const answer = await run(`${word} ${rest}`)
          expect(answer.title.length).toBeGreaterThan(0)
          expect(JSON.stringify(answer)).not.toMatch(/\\n\s+at |Error:/)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('turns an unexpected failure into a reference, never a stack trace', async () => {
    const broken = {
      ...desk,
      chat: { ...desk.chat, getWorkspace: () => Promise.reject(new Error('db down at x.ts:1')) },
    }
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      const answer = await handleCommand({ ...ctxOf('U1'), desk: broken }, parseCommand('balance'))
      expect(answer.tone).toBe('error')
      expect(answer.text).toMatch(/ref-[0-9a-f]{8}/)
      expect(JSON.stringify(answer)).not.toContain('x.ts')
      expect(errors).toHaveLength(1)
    } finally {
      console.error = original
    }
  })
})
