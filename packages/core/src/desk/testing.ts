/**
 * `createTestDesk`: a Desk on a fresh, isolated test database (SQLite temp file or a PostgreSQL schema), with the
 * simulator at step delay 0 and a clock the test moves. For every package's tests; `close()` throws the data away.
 */
import type { Kysely } from 'kysely'
import type { Dialect } from '../context.ts'
import type { Desk, DispatcherOptions } from '../desk.ts'
import { createSimulatorGateway } from '../gateway/index.ts'
import type { SmsGateway } from '../ports.ts'
import type { PriceTable } from '../sending/pricing.ts'
import type { Database } from '../store/schema.ts'
import { openTestDatabase } from '../store/testing.ts'
import { createDesk } from './create-desk.ts'
import { createTestClock, type TestClock } from './test-clock.ts'

export interface TestDeskOptions {
  /** Default: the simulator with no step delay. */
  gateway?: SmsGateway
  /** Where the test clock starts; default the real now. */
  now?: Date
  prices?: PriceTable
  defaultCountry?: string
  requireRegisteredSenders?: boolean
  dispatcher?: DispatcherOptions
  publicUrl?: string
}

/** A Desk plus what tests reach for: its clock, gateway, database and the URL another process can open it with. */
export interface TestDesk extends Desk {
  readonly clock: TestClock
  readonly gateway: SmsGateway
  readonly db: Kysely<Database>
  readonly dialect: Dialect
  /** `createDesk({ database: url })` in another process reaches the same data. */
  readonly url: string
}

/** A Desk over a fresh database on `dialect`; pair with `testDialects()` from `@smsdesk/core/testing`. */
export async function createTestDesk(dialect: Dialect, opts: TestDeskOptions = {}): Promise<TestDesk> {
  const database = await openTestDatabase(dialect)
  const clock = createTestClock(opts.now)
  const gateway = opts.gateway ?? createSimulatorGateway({ stepDelayMs: 0, clock })
  const desk = await createDesk({
    db: database,
    gateway,
    clock,
    ...(opts.prices ? { prices: opts.prices } : {}),
    ...(opts.defaultCountry ? { defaultCountry: opts.defaultCountry } : {}),
    ...(opts.requireRegisteredSenders ? { requireRegisteredSenders: true } : {}),
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
  })
  return Object.assign(desk, { clock, gateway, db: database.db, dialect, url: database.url })
}
