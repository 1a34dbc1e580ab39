/** The thread-reply grammar shared by Slack and Teams: `faq draft [title]` is a command, anything else an answer. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { faqDraftCommandOf, staffReplyOf } from './support-chat.ts'

describe('faqDraftCommandOf', () => {
  it('reads `faq draft` with and without a title, in any case', () => {
    expect(faqDraftCommandOf('faq draft')).toEqual({ title: null })
    expect(faqDraftCommandOf('  FAQ Draft   ')).toEqual({ title: null })
    expect(faqDraftCommandOf('faq draft Sms till USA')).toEqual({ title: 'Sms till USA' })
    expect(faqDraftCommandOf('faq  draft\nTwo lines\nof title')).toEqual({ title: 'Two lines\nof title' })
  })

  it('leaves answers that only mention it alone', () => {
    expect(faqDraftCommandOf('Se faq draft senare')).toBeNull()
    expect(faqDraftCommandOf('faq drafts')).toBeNull()
    expect(faqDraftCommandOf('#note faq draft')).toBeNull()
    expect(staffReplyOf('faq draft').internal).toBe(false)
  })

  it('never takes text that does not start with the command', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\s*faq\s+draft/i.test(text))
        expect(faqDraftCommandOf(text)).toBeNull()
      }),
    )
  })
})
