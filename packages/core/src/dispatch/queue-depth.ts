/** How much work is waiting: messages due for hand-over, messages being handed over, callbacks not yet delivered. */
import type { Kysely } from 'kysely'
import { iso } from '../context.ts'
import type { Database } from '../store/schema.ts'

export interface QueueDepth {
  /** Funded or released for retry, their time come, and nobody holding them. */
  due: number
  /** Claimed by a dispatcher whose lease has not run out. */
  inFlight: number
  /** Status callbacks neither delivered nor given up. */
  callbacksPending: number
}

/** Counts the queues at `now` (three indexed counts; meant for a metrics scrape, not a hot path). */
export async function readQueueDepth(db: Kysely<Database>, now: Date): Promise<QueueDepth> {
  const at = iso(now)
  const [due, inFlight, callbacks] = await Promise.all([
    db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status_code', 'in', [103, 110])
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status_code', '=', 110)
      .where('lease_until', '>=', at)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('delivered_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ])
  return { due: Number(due.n), inFlight: Number(inFlight.n), callbacksPending: Number(callbacks.n) }
}
