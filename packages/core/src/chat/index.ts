/** Chat links: what the Slack and Teams bot keeps in the store. */
export { createChatLinks } from './chat-links.ts'
export { createSlackInstallations } from './slack-installations.ts'
