/** `desk.support.drafts` on every dialect: drafts from a conversation's answers, a reviewed queue, never live. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDesk, type TestDesk } from '../desk/testing.ts'
import { searchFaq } from '../faq/index.ts'
import { testDialects } from '../store/testing.ts'

const start = {
  question: 'Hur skickar jag till amerikanska nummer?',
  name: 'Anna',
  email: 'anna@example.com',
  smsConsent: false,
  lang: 'sv' as const,
  recentSearches: [],
}

describe.each(testDialects())('desk.support.drafts on %s', (dialect) => {
  let desk: TestDesk
  beforeAll(async () => {
    desk = await createTestDesk(dialect)
  })
  afterAll(async () => {
    await desk?.close()
  })

  it('makes a pending draft of the question and the staff answers, notes left out', async () => {
    const { conversationId } = await desk.support.startConversation(start)
    expect(await desk.support.drafts.createFromConversation(conversationId, { by: 'Sara' })).toEqual({
      ok: false,
      reason: 'no_answer',
    })
    await desk.support.staffReply(conversationId, {
      text: 'Nordamerika kräver en kampanj.',
      staffName: 'Sara',
    })
    await desk.support.staffReply(conversationId, {
      text: '#note kolla kontot',
      staffName: 'Sara',
      internal: true,
    })
    await desk.support.staffReply(conversationId, { text: 'Be oss aktivera den.', staffName: 'Olle' })
    const made = await desk.support.drafts.createFromConversation(conversationId, {
      by: 'Sara',
      title: 'Sms till USA och Kanada',
    })
    if (!made.ok) throw new Error('expected a draft')
    expect(made.draft).toMatchObject({
      conversationId,
      lang: 'sv',
      title: 'Sms till USA och Kanada',
      question: start.question,
      answer: 'Nordamerika kräver en kampanj.\n\nBe oss aktivera den.',
      status: 'pending',
      createdBy: 'Sara',
      reviewedBy: null,
    })
    const untitled = await desk.support.drafts.createFromConversation(conversationId, { by: 'Olle' })
    expect(untitled.ok && untitled.draft.title).toBe(start.question)

    const pending = await desk.support.drafts.list({ status: 'pending' })
    expect(pending.map((d) => d.id)).toContain(made.draft.id)
    // Never live: search does not know the draft's words.
    expect(JSON.stringify(searchFaq('Be oss aktivera den', { lang: 'sv' }))).not.toContain('Be oss aktivera')
  })

  it('approves or rejects once; unknown drafts and conversations are NotFound', async () => {
    const { conversationId } = await desk.support.startConversation(start)
    await desk.support.staffReply(conversationId, { text: 'Så här gör du.', staffName: 'Sara' })
    const made = await desk.support.drafts.createFromConversation(conversationId, { by: 'Sara' })
    if (!made.ok) throw new Error('expected a draft')
    const approved = await desk.support.drafts.review(made.draft.id, { status: 'approved', by: 'Lena' })
    expect(approved).toMatchObject({ status: 'approved', reviewedBy: 'Lena' })
    expect(approved.reviewedAt).toBeInstanceOf(Date)
    await expect(
      desk.support.drafts.review(made.draft.id, { status: 'rejected', by: 'Lena' }),
    ).rejects.toMatchObject({ code: 'Conflict' })
    await expect(
      desk.support.drafts.review('fqd_nope', { status: 'rejected', by: 'Lena' }),
    ).rejects.toMatchObject({ code: 'NotFound' })
    await expect(
      desk.support.drafts.createFromConversation('sup_nope', { by: 'Sara' }),
    ).rejects.toMatchObject({ code: 'NotFound' })
    expect((await desk.support.drafts.list({ status: 'pending' })).map((d) => d.id)).not.toContain(
      made.draft.id,
    )
    expect((await desk.support.drafts.list({ status: 'approved' })).map((d) => d.id)).toEqual([made.draft.id])
  })
})
