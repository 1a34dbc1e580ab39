/** The widget's own storage key for the support conversation token (shared by the panel and the chat chunk). */
export const TOKEN_KEY = 'smsdesk-support-conversation'

export function hasStoredConversation(): boolean {
  try {
    return localStorage.getItem(TOKEN_KEY) !== null
  } catch {
    return false
  }
}
