/** `desk.senders`: alphanumeric senders an account asks for, and the provider's approval or rejection of each. */
import { requireAccount } from '../accounts/scope.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import { DeskError } from '../errors.ts'
import { assertValidSender, senderKey } from '../sending/validate.ts'
import type { SenderStatus } from '../store/schema.ts'

export type { SenderStatus } from '../store/schema.ts'

export interface SenderRegistration {
  sender: string
  status: SenderStatus
  /** The provider's note with its decision. */
  note: string | null
  updatedAt: Date | null
}

export interface SendersApi {
  /** The account asks for `sender`: pending until the provider decides (an approved one stays approved). */
  request(accountId: string, sender: string): Promise<SenderRegistration>
  list(accountId: string): Promise<SenderRegistration[]>
  /** The provider's decision; a sender nobody asked for can be approved or rejected directly. */
  decide(
    accountId: string,
    sender: string,
    decision: { status: 'approved' | 'rejected'; note?: string | null },
  ): Promise<SenderRegistration>
}

/** `desk.senders` over the store in `ctx`. */
export function createSendersApi(ctx: CoreContext): SendersApi {
  const { db, clock } = ctx

  async function list(accountId: string): Promise<SenderRegistration[]> {
    await requireAccount(db, accountId)
    const rows = await db
      .selectFrom('registered_senders')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('sender')
      .execute()
    return rows.map((r) => ({
      sender: r.sender,
      status: r.status,
      note: r.note,
      updatedAt: r.updated_at ? new Date(r.updated_at) : null,
    }))
  }

  /** The stored spelling of `sender` in the account, matched as sending matches it (case, a leading +). */
  async function find(accountId: string, sender: string): Promise<SenderRegistration | undefined> {
    const key = senderKey(sender)
    return (await list(accountId)).find((s) => senderKey(s.sender) === key)
  }

  async function save(
    accountId: string,
    sender: string,
    existing: SenderRegistration | undefined,
    status: SenderStatus,
    note: string | null,
  ): Promise<SenderRegistration> {
    const now = clock.now()
    if (existing)
      await db
        .updateTable('registered_senders')
        .set({ status, note, updated_at: iso(now) })
        .where('account_id', '=', accountId)
        .where('sender', '=', existing.sender)
        .execute()
    else
      await db
        .insertInto('registered_senders')
        .values({ account_id: accountId, sender, status, note, updated_at: iso(now) })
        .onConflict((oc) =>
          oc.columns(['account_id', 'sender']).doUpdateSet({ status, note, updated_at: iso(now) }),
        )
        .execute()
    return { sender: existing?.sender ?? sender, status, note, updatedAt: now }
  }

  return {
    list,
    async request(accountId, raw) {
      const sender = assertValidSender(String(raw ?? '').trim())
      const existing = await find(accountId, sender)
      if (existing?.status === 'approved' || existing?.status === 'pending') return existing
      return save(accountId, sender, existing, 'pending', null)
    },
    async decide(accountId, raw, decision) {
      const sender = assertValidSender(String(raw ?? '').trim())
      if (decision?.status !== 'approved' && decision?.status !== 'rejected')
        throw new DeskError('InvalidRequest', 'A decision is "approved" or "rejected"', {
          details: { field: 'status' },
        })
      const existing = await find(accountId, sender)
      return save(accountId, sender, existing, decision.status, decision.note?.trim() || null)
    },
  }
}
