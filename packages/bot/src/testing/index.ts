/** @smsdesk/bot/testing — local stand-ins for Slack and the Bot Framework connector, and signed Slack requests. */

export { type BotConnectorStandin, type ConnectorCall, startBotConnectorStandin } from './bot-connector.ts'
export { type LocalServer, listenLocal, sendJson, waitFor } from './http.ts'
export { type OpenIdStandin, startOpenIdStandin } from './openid.ts'
export { type ResponseUrlMessage, type ResponseUrlStandin, startResponseUrlStandin } from './response-url.ts'
export { type SlackApiStandin, type SlackCall, startSlackApiStandin } from './slack-api.ts'
export {
  buttonClickBody,
  messageEventBody,
  type SignedRequest,
  type SlashCommand,
  shortcutBody,
  signed,
  slashCommandBody,
  viewSubmissionBody,
} from './slack-requests.ts'
