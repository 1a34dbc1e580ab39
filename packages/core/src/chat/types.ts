/** What the bot keeps through the core: linked workspaces, member roles, pending confirmations and thread anchors. */
import type { Lang, Role, SendRequest } from '../desk.ts'

export interface ChatWorkspace {
  platform: 'slack' | 'teams'
  workspaceId: string
  accountId: string
  lang: Lang
}

export interface ChatThread {
  id: string
  platform: 'slack' | 'teams'
  workspaceId: string
  batchId: string
  channel: string
  messageRef: string
  conversation: string | null
  createdAt: Date
}

/** What the bot keeps: linked workspaces, member roles, pending confirmations and thread anchors. */
export interface ChatLinks {
  getWorkspace(platform: ChatWorkspace['platform'], workspaceId: string): Promise<ChatWorkspace | null>
  linkWorkspace(
    platform: ChatWorkspace['platform'],
    workspaceId: string,
    accountId: string,
    linkedBy: string,
    role: Role,
  ): Promise<ChatWorkspace>
  setLang(platform: ChatWorkspace['platform'], workspaceId: string, lang: Lang): Promise<void>
  getMemberRole(
    platform: ChatWorkspace['platform'],
    workspaceId: string,
    userId: string,
  ): Promise<Role | null>
  setMemberRole(
    platform: ChatWorkspace['platform'],
    workspaceId: string,
    userId: string,
    role: Role,
  ): Promise<void>
  removeMember(platform: ChatWorkspace['platform'], workspaceId: string, userId: string): Promise<boolean>
  /** Stores a send awaiting confirmation; returns its id. */
  createPendingSend(
    platform: ChatWorkspace['platform'],
    workspaceId: string,
    userId: string,
    request: SendRequest,
    ttlMs: number,
  ): Promise<string>
  /** Marks it used and returns it, exactly once; null when unknown, expired, already used or another workspace's. */
  takePendingSend(
    id: string,
    platform: ChatWorkspace['platform'],
    workspaceId: string,
  ): Promise<SendRequest | null>
  saveThread(thread: Omit<ChatThread, 'id' | 'createdAt'>): Promise<ChatThread>
  threadsForBatch(batchId: string): Promise<ChatThread[]>
  threadByRef(
    platform: ChatWorkspace['platform'],
    channel: string,
    messageRef: string,
  ): Promise<ChatThread | null>
  /**
   * The newest send whose chat message sits in `channel` (for Teams a channel thread's conversation id, which every
   * message of that thread shares); null when none does.
   */
  latestThreadIn(platform: ChatWorkspace['platform'], channel: string): Promise<ChatThread | null>
  /**
   * Sends that have a chat message and a message not yet final: what a restarted bot follows again so their chat
   * messages keep updating. Bounded by nature: a message is final at the latest when its validity ends.
   */
  unfinishedThreadBatches(): Promise<string[]>
  /** The newest thread in which `number` was sent to within `withinMs`, with that message's id. */
  recentThreadForNumber(
    accountId: string,
    number: string,
    withinMs: number,
  ): Promise<{ thread: ChatThread; messageId: string } | null>
}
