/**
 * Ask support from the widget in Chromium, on the hostile-CSS page with a strict CSP: a search that finds nothing,
 * the form, the Slack stand-in's channel message with the searches, a signed staff reply shown live within a
 * second and announced, and a reload that keeps the conversation.
 */
import { messageEventBody, signed, startSlackApiStandin, waitFor } from '@smsdesk/bot/testing'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeWidget, startWidgetHarness, type WidgetHarness, watchErrors } from './widget-browser.ts'

const SECRET = 'slack-signing-secret-for-tests'
const TOKEN = 'xoxb-test-token'
const TEAM = 'T0SUPPORT'
const CHANNEL = 'C0WIDGETQ'

let slackApi: Awaited<ReturnType<typeof startSlackApiStandin>>
let harness: WidgetHarness
let context: BrowserContext

beforeAll(async () => {
  slackApi = await startSlackApiStandin({ token: TOKEN, teamId: TEAM })
  harness = await startWidgetHarness({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: slackApi.apiUrl,
    SUPPORT_ENABLED: '1',
    SUPPORT_CHANNEL: CHANNEL,
  })
})
afterAll(async () => {
  await context?.close()
  await harness?.close()
  await slackApi?.close()
})

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000, interval: 25 })

describe('ask support from the widget in Chromium', () => {
  it('search finds nothing → ask support → Slack thread reply shown live and announced → reload keeps it', async () => {
    context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${harness.siteUrl}/`)
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    await page.getByRole('searchbox').pressSequentially('zqxjv blorft', { delay: 10 })
    const ask = page.getByRole('button', { name: 'Fråga supporten' }).first()
    await eventually(() => ask.isVisible()).toBe(true)
    await ask.click()

    await eventually(() => page.getByLabel('Din fråga').isVisible()).toBe(true)
    expect((await axeWidget(page)).violations).toEqual([])
    await page.getByLabel('Din fråga').fill('Var hittar jag zqxjv blorft?')
    await page.getByLabel('Namn').fill('Anna Andersson')
    await page.getByLabel('E-post').fill('anna@example.com')
    let conversationId: string | undefined
    const off = harness.desk.support.onMessage((e) => {
      conversationId ??= e.conversation.id
    })
    await page.getByRole('button', { name: 'Skicka frågan' }).click()

    const post = await waitFor('the support channel message', () =>
      slackApi.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNEL && !c.args.thread_ts),
    )
    expect(JSON.stringify(post.args)).toContain('zqxjv blorft')
    const conversation = page.locator('smsdesk-widget .chat')
    await eventually(() => conversation.textContent()).toContain('Var hittar jag zqxjv blorft?')
    const threadTs = await waitFor('the thread link', async () =>
      conversationId
        ? ((await harness.desk.support.get(conversationId)).conversation.thread?.ts ?? undefined)
        : undefined,
    )
    // Give the event stream its moment to open, as a customer reading their question would.
    await page.waitForTimeout(300)

    const body = messageEventBody({
      teamId: TEAM,
      userId: 'U0AGENT',
      channelId: CHANNEL,
      text: 'Hej Anna! Det finns under Inställningar.',
      ts: `${Date.now() / 1000}`,
      threadTs,
    })
    const req = signed(SECRET, body, 'application/json')
    const sentAt = Date.now()
    expect(
      (await fetch(`${harness.widgetUrl}/slack/events`, { method: 'POST', headers: req.headers, body }))
        .status,
    ).toBe(200)
    const live = page.locator('smsdesk-widget .support [role="status"]')
    await eventually(() => live.textContent()).toContain('Det finns under Inställningar.')
    expect(Date.now() - sentAt).toBeLessThan(1_000)
    expect(await conversation.textContent()).toContain('Staff U0AGENT')

    await page.reload()
    await page.getByRole('button', { name: 'Hjälp', exact: true }).click()
    await eventually(() => page.locator('smsdesk-widget .chat').textContent()).toContain(
      'Det finns under Inställningar.',
    )
    off()
    expect(errors).toEqual([])
  }, 60_000)
})
