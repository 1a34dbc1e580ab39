/** Builds the three kinds of request Slack sends, signed the way Slack signs them, for tests and the benchmark. */

import { signSlackBody } from '../slack/signature.ts'

export interface SignedRequest {
  body: string
  headers: Record<string, string>
}

export function signed(
  secret: string,
  body: string,
  contentType: string,
  nowSeconds?: number,
): SignedRequest {
  const ts = nowSeconds ?? Math.floor(Date.now() / 1000)
  return { body, headers: { 'content-type': contentType, ...signSlackBody(secret, body, ts) } }
}

export interface SlashCommand {
  text: string
  teamId: string
  userId: string
  channelId: string
  responseUrl: string
  triggerId?: string
  command?: string
}

/** A form-encoded slash command, as Slack posts it. */
export function slashCommandBody(c: SlashCommand): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: c.teamId,
    team_domain: 'example',
    channel_id: c.channelId,
    channel_name: 'general',
    user_id: c.userId,
    user_name: c.userId.toLowerCase(),
    command: c.command ?? '/sms',
    text: c.text,
    api_app_id: 'A0SMSDESK',
    response_url: c.responseUrl,
    trigger_id: c.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString()
}

/** A `block_actions` payload for a button click, form-encoded under `payload=`. */
export function buttonClickBody(c: {
  teamId: string
  userId: string
  channelId: string
  responseUrl: string
  actionId: string
  value: string
}): string {
  const payload = {
    type: 'block_actions',
    team: { id: c.teamId, domain: 'example' },
    user: { id: c.userId, username: c.userId.toLowerCase(), team_id: c.teamId },
    api_app_id: 'A0SMSDESK',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: c.channelId,
      is_ephemeral: true,
    },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    channel: { id: c.channelId, name: 'general' },
    response_url: c.responseUrl,
    actions: [
      {
        type: 'button',
        block_id: 'smsdesk_confirm',
        action_id: c.actionId,
        value: c.value,
        text: { type: 'plain_text', text: c.actionId },
        action_ts: '1700000001.000200',
      },
    ],
  }
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
}

/** An Events API `event_callback` for a message, as JSON. */
export function messageEventBody(c: {
  teamId: string
  userId: string
  channelId: string
  text: string
  ts: string
  threadTs?: string
  botId?: string
}): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: c.teamId,
    api_app_id: 'A0SMSDESK',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: c.teamId, user_id: 'UBOTSMSDESK', is_bot: true }],
    event: {
      type: 'message',
      channel: c.channelId,
      channel_type: 'channel',
      user: c.userId,
      text: c.text,
      ts: c.ts,
      ...(c.threadTs ? { thread_ts: c.threadTs } : {}),
      ...(c.botId ? { bot_id: c.botId } : {}),
    },
  })
}

/** A `view_submission` of the compose modal: `values` by field (block and action ids alike). */
export function viewSubmissionBody(c: {
  teamId: string
  userId: string
  callbackId: string
  values: Record<string, string>
  privateMetadata?: string
}): string {
  const payload = {
    type: 'view_submission',
    team: { id: c.teamId, domain: 'example' },
    user: { id: c.userId, username: c.userId.toLowerCase(), team_id: c.teamId },
    api_app_id: 'A0SMSDESK',
    token: 'deprecated-verification-token',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    view: {
      id: `V${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      type: 'modal',
      callback_id: c.callbackId,
      private_metadata: c.privateMetadata ?? '',
      state: {
        values: Object.fromEntries(
          Object.entries(c.values).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }]),
        ),
      },
    },
  }
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
}

/** A global shortcut click. */
export function shortcutBody(c: { teamId: string; userId: string; callbackId: string }): string {
  const payload = {
    type: 'shortcut',
    team: { id: c.teamId, domain: 'example' },
    user: { id: c.userId, username: c.userId.toLowerCase(), team_id: c.teamId },
    api_app_id: 'A0SMSDESK',
    token: 'deprecated-verification-token',
    callback_id: c.callbackId,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    action_ts: '1700000001.000200',
  }
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
}
