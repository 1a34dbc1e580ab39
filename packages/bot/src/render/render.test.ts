import { describe, expect, it } from 'vitest'
import type { Answer } from '../commands/answer.ts'
import { answerToBlocks, escapeMrkdwn } from './slack.ts'
import { answerToCard, readCardSubmit } from './teams.ts'
import { answerToText } from './text.ts'

const confirmation: Answer = {
  title: 'Send to 12 recipients?',
  tone: 'warning',
  text: 'Nothing is charged until you press Send.',
  fields: [
    { label: 'Messages', value: '12' },
    { label: 'Price', value: '6.00 SEK' },
  ],
  list: ['0701 · 409 InvalidRecipient, not charged'],
  buttons: [
    { action: 'confirm_send', label: 'Send', value: 'pend_1', style: 'primary' },
    { action: 'cancel_send', label: 'Cancel', value: 'pend_1', style: 'danger' },
  ],
  note: 'The buttons work once, for 15 minutes.',
  private: true,
}

describe('Block Kit', () => {
  it('renders header, text, fields, list, buttons and note', () => {
    const { text, blocks } = answerToBlocks(confirmation)
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'actions',
      'context',
    ])
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Send to 12 recipients?', emoji: true },
    })
    expect(blocks[2]).toMatchObject({
      fields: [{ type: 'mrkdwn', text: '*Messages*\n12' }, { text: '*Price*\n6.00 SEK' }],
    })
    expect(blocks[4]).toMatchObject({
      elements: [
        { type: 'button', action_id: 'confirm_send', value: 'pend_1', style: 'primary' },
        { type: 'button', action_id: 'cancel_send', value: 'pend_1', style: 'danger' },
      ],
    })
    expect(text).toContain('Send to 12 recipients?')
    expect(text).not.toContain('[ Send ]')
  })

  it('escapes what Slack would read as markup but keeps user mentions live', () => {
    expect(escapeMrkdwn('a < b & c > d <@U123> <!channel>')).toBe(
      'a &lt; b &amp; c &gt; d <@U123> &lt;!channel&gt;',
    )
  })

  it('stays inside Block Kit limits for long lists', () => {
    const long: Answer = {
      title: 'x'.repeat(400),
      tone: 'info',
      list: Array.from({ length: 5000 }, (_, i) => `item ${i} ${'y'.repeat(50)}`),
      buttons: confirmation.buttons ?? [],
      private: false,
    }
    const { blocks } = answerToBlocks(long)
    expect(blocks.length).toBeLessThanOrEqual(50)
    expect(blocks.at(-1)?.type).toBe('actions')
    const header = blocks[0] as unknown as { text: { text: string } }
    expect(header.text.text.length).toBeLessThanOrEqual(150)
    for (const b of blocks) {
      const t = (b as { text?: { text?: string } }).text?.text
      if (t) expect(t.length).toBeLessThanOrEqual(3000)
    }
  })
})

describe('Adaptive Card', () => {
  it('is a 1.5 card with a fact set and Action.Execute buttons (Action.Submit fallback) whose data reads back', () => {
    const card = answerToCard(confirmation)
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' })
    const body = card.body as { type: string }[]
    expect(body.map((b) => b.type)).toEqual(['TextBlock', 'TextBlock', 'FactSet', 'TextBlock', 'TextBlock'])
    const actions = card.actions as {
      type: string
      verb: string
      style: string
      data: unknown
      fallback: { type: string; data: unknown }
    }[]
    expect(actions.map((a) => [a.type, a.verb, a.style, a.fallback.type])).toEqual([
      ['Action.Execute', 'confirm_send', 'positive', 'Action.Submit'],
      ['Action.Execute', 'cancel_send', 'destructive', 'Action.Submit'],
    ])
    expect(readCardSubmit(actions[0]?.data)).toEqual({ smsdesk: 'confirm_send', pendingId: 'pend_1' })
    expect(readCardSubmit(actions[0]?.fallback.data)).toEqual({
      smsdesk: 'confirm_send',
      pendingId: 'pend_1',
    })
    expect(readCardSubmit({ smsdesk: 'drop_tables', pendingId: 'x' })).toBeNull()
    expect(readCardSubmit('confirm_send')).toBeNull()
  })

  it('turns Slack-style emphasis into Teams markdown and drops backticks', () => {
    const card = answerToCard({
      title: 'Help',
      tone: 'info',
      text: 'Write `send` and *bold* words',
      private: true,
    })
    expect((card.body as { text: string }[])[1]?.text).toBe('Write send and **bold** words')
  })
})

describe('text', () => {
  it('reads top to bottom with the buttons last', () => {
    expect(answerToText(confirmation)).toBe(
      [
        '*Send to 12 recipients?*',
        'Nothing is charged until you press Send.',
        'Messages: 12',
        'Price: 6.00 SEK',
        '• 0701 · 409 InvalidRecipient, not charged',
        '_The buttons work once, for 15 minutes._',
        '[ Send ] [ Cancel ]',
      ].join('\n'),
    )
  })
})
