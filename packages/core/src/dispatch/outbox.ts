/** The hand-over outbox: groups claimed messages into gateway batches and records each before it is sent. */
import { randomBytes } from 'node:crypto'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import { writeTransaction } from '../messages/transaction.ts'
import { type BulkUpdate, insertRows, updateRows } from '../sending/bulk-insert.ts'
import type { ClaimedMessage } from './claim.ts'

/** A gateway call to be made: its reference and the messages it carries. */
export interface HandOver {
  id: string
  messages: ClaimedMessage[]
}

/** Ids per statement: far below either driver's parameter limit. */
const CHUNK = 1_000

/**
 * Messages that can travel as one gateway batch (same sender, body and encoding), in hand-overs of at most `size`
 * and with distinct recipients, so that a hand-over's reference and a recipient name exactly one message.
 */
export function groupForHandOver(messages: readonly ClaimedMessage[], size: number): ClaimedMessage[][] {
  const max = Math.max(1, size)
  const open = new Map<string, { messages: ClaimedMessage[]; recipients: Set<string> }[]>()
  const groups: ClaimedMessage[][] = []
  for (const m of messages) {
    const key = JSON.stringify([m.sender, m.encoding, m.body])
    const candidates = open.get(key) ?? []
    open.set(key, candidates)
    let group = candidates.find((g) => g.messages.length < max && !g.recipients.has(m.recipient))
    if (!group) {
      group = { messages: [], recipients: new Set() }
      candidates.push(group)
      groups.push(group.messages)
    }
    group.messages.push(m)
    group.recipients.add(m.recipient)
  }
  return groups
}

/**
 * The update that marks claimed messages with their hand-over ids ([message id, hand-over id] rows), renewing
 * their lease, for the messages this owner still holds only (exported for the test of its plan).
 */
export function handOverMarks(
  args: { owner: string; leaseUntil: string; nowText: string },
  marks: readonly (readonly [string, string])[],
): BulkUpdate {
  return {
    key: ['id', 'text'],
    columns: [['hand_over_id', 'text']],
    rows: marks,
    constants: [
      ['lease_until', 'text', args.leaseUntil],
      ['updated_at', 'text', args.nowText],
    ],
    onlyWhere: ['lease_owner', 'text', args.owner],
    returnKeys: true,
  }
}

/**
 * Records the hand-overs before any call is made: a `hand_overs` row each, and its id on every message it carries
 * that is still leased to `owner` (the lease renewed on the way). Returns each hand-over with only those messages:
 * a message whose lease another dispatcher has taken is not ours to send. Two statements for the whole claim, not
 * two per hand-over: single-recipient sends of one body to one number make a hand-over per message.
 */
export async function recordHandOvers(
  ctx: Pick<CoreContext, 'db' | 'dialect' | 'clock'>,
  args: { owner: string; leaseMs: number },
  groups: readonly ClaimedMessage[][],
): Promise<HandOver[]> {
  if (groups.length === 0) return []
  const now = ctx.clock.now()
  const nowText = iso(now)
  const leaseUntil = iso(new Date(now.getTime() + args.leaseMs))
  const ids = handOverIds(groups.length)
  const marks: [string, string][] = []
  groups.forEach((group, i) => {
    for (const m of group) marks.push([m.id, ids[i] as string])
  })
  return writeTransaction(ctx, async (trx) => {
    const ours = new Set(
      await updateRows(
        trx,
        ctx.dialect,
        'messages',
        handOverMarks({ owner: args.owner, leaseUntil, nowText }, marks),
      ),
    )
    const handOvers: HandOver[] = []
    const records: [string, number][] = []
    groups.forEach((group, i) => {
      const id = ids[i] as string
      const messages = group.filter((m) => ours.has(m.id))
      if (messages.length === 0) return
      records.push([id, messages.length])
      handOvers.push({ id, messages: messages.map((m) => ({ ...m, hand_over_id: id })) })
    })
    await insertRows(trx, ctx.dialect, 'hand_overs', {
      columns: [
        ['id', 'text'],
        ['message_count', 'integer'],
      ],
      rows: records,
      constants: [
        ['owner', 'text', args.owner],
        ['created_at', 'text', nowText],
      ],
    })
    return handOvers
  })
}

/** `count` hand-over ids (`ho_` and 24 hex digits), from one draw of the system's CSPRNG. */
function handOverIds(count: number): string[] {
  const hex = randomBytes(12 * count).toString('hex')
  return Array.from({ length: count }, (_, i) => `ho_${hex.slice(24 * i, 24 * (i + 1))}`)
}

/**
 * Keeps the lease of `ids` ours while a hand-over is in progress: every third of `leaseMs` it is moved
 * `leaseMs` ahead, for the rows still leased to `owner`. A slow gateway can then never let the lease lapse
 * under work, so no other dispatcher takes the messages over while their call is open. Returns `stop`.
 */
export function renewLeases(
  ctx: CoreContext,
  args: { owner: string; leaseMs: number },
  ids: readonly string[],
): () => void {
  let busy = false
  const renew = async () => {
    const now = ctx.clock.now()
    const leaseUntil = iso(new Date(now.getTime() + args.leaseMs))
    for (let start = 0; start < ids.length; start += CHUNK)
      await ctx.db
        .updateTable('messages')
        .set({ lease_until: leaseUntil })
        .where('id', 'in', ids.slice(start, start + CHUNK))
        .where('lease_owner', '=', args.owner)
        .execute()
  }
  const timer = setInterval(
    () => {
      // One renewal at a time: a slow database must not pile them up.
      if (busy) return
      busy = true
      renew()
        .catch((err: unknown) =>
          console.error(
            'smsdesk: renewing a claim failed; trying again',
            err instanceof Error ? err.message : err,
          ),
        )
        .finally(() => {
          busy = false
        })
    },
    Math.max(10, Math.floor(args.leaseMs / 3)),
  )
  timer.unref()
  return () => clearInterval(timer)
}
