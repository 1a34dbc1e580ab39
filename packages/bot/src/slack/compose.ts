/**
 * The Slack compose modal: `/sms` alone or the "Skicka SMS" shortcut opens it, and its `view_submission` is answered
 * by the command layer as the typed `send` would be, in the channel it was opened from (the shortcut: the app's DM).
 */

import type { App } from '@slack/bolt'
import type { Answer } from '../commands/answer.ts'
import { composeForm, submitCompose } from '../commands/compose.ts'
import type { CommandContext } from '../commands/context.ts'
import { COMPOSE_CALLBACK_ID, composeModal, readModalValues } from '../render/compose.ts'
import type { SlackWebClient } from './clients.ts'

type Respond = (message: Record<string, unknown>) => Promise<unknown>

export interface ComposeDeps {
  context(workspaceId: string, userId: string, channel: string, key?: string): CommandContext
  deliver(
    answer: Answer,
    ctx: CommandContext,
    client: SlackWebClient,
    respond: Respond,
    replace: boolean,
  ): Promise<void>
  log(message: string, err?: unknown): void
}

/** Opens the modal for `trigger_id`; answers will go to `channel`. */
export async function openComposeModal(
  client: SlackWebClient,
  ctx: CommandContext,
  triggerId: string,
): Promise<void> {
  const form = await composeForm(ctx)
  await client.views.open({
    trigger_id: triggerId,
    view: composeModal(form, JSON.stringify({ channel: ctx.channel })) as never,
  })
}

export function registerCompose(app: App, deps: ComposeDeps): void {
  app.shortcut(COMPOSE_CALLBACK_ID, async ({ ack, shortcut, client }) => {
    await ack()
    // A global shortcut has no channel: answers go to the person's DM with the app.
    const ctx = deps.context(shortcut.team?.id ?? '', shortcut.user.id, shortcut.user.id)
    await openComposeModal(client, ctx, shortcut.trigger_id).catch((err: unknown) =>
      deps.log('could not open the compose modal', err),
    )
  })

  app.view(COMPOSE_CALLBACK_ID, async ({ ack, body, view, client }) => {
    const meta = readMetadata(view.private_metadata)
    const user = body.user.id
    const channel = meta.channel ?? user
    const ctx = deps.context(body.team?.id ?? '', user, channel, `slack-compose:${view.id}`)
    const outcome = await submitCompose(ctx, readModalValues(view))
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: outcome.errors })
      return
    }
    await ack()
    // No response_url comes with a modal: private answers are ephemeral in the channel, or DMs.
    const respond: Respond = (message) =>
      message.response_type === 'in_channel' || channel === user
        ? client.chat.postMessage({
            channel,
            text: String(message.text ?? ''),
            blocks: message.blocks as never,
          })
        : client.chat.postEphemeral({
            channel,
            user,
            text: String(message.text ?? ''),
            blocks: message.blocks as never,
          })
    await deps.deliver(outcome.answer, ctx, client, respond, false)
  })
}

function readMetadata(raw: string | undefined): { channel?: string } {
  try {
    const value = JSON.parse(raw || '{}') as { channel?: unknown }
    return typeof value.channel === 'string' ? { channel: value.channel } : {}
  } catch {
    return {}
  }
}
