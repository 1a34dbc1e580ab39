/**
 * First start on an empty database: the first operator and its key (`BOOTSTRAP_OPERATOR_KEY` or a random one), and a
 * demo account (100 SEK, a virtual number for inbound SMS, both opt-out add-ons on), an admin user
 * and an API key — `BOOTSTRAP_API_KEY` when set (stored hashed like every key), otherwise a random one.
 */
import { type Desk, isDeskError, type OpenedDatabase } from '@smsdesk/core'

export const DEMO_ACCOUNT = {
  name: 'Demo',
  currency: 'SEK',
  /** 100 SEK in öre. */
  balance: 10_000,
  /** Receives the simulator's inbound SMS: try STOP or "Spara Förnamn Efternamn Grupp" to it. */
  virtualNumber: '+46700000000',
} as const

export interface Bootstrapped {
  accountId: string
  userId: string
  apiKey: string
  /** False when the key is BOOTSTRAP_API_KEY, which the operator already knows. */
  generated: boolean
}

/** Creates the demo account when there is no account at all; null when the database already has one. */
export async function bootstrapDemo(
  desk: Desk,
  store: Pick<OpenedDatabase, 'db'>,
  bootstrapApiKey: string | undefined,
): Promise<Bootstrapped | null> {
  const existing = await store.db.selectFrom('accounts').select('id').limit(1).executeTakeFirst()
  if (existing) return null
  let account: Awaited<ReturnType<Desk['accounts']['create']>>
  try {
    account = await desk.accounts.create({
      name: DEMO_ACCOUNT.name,
      currency: DEMO_ACCOUNT.currency,
      balance: DEMO_ACCOUNT.balance,
      virtualNumbers: [DEMO_ACCOUNT.virtualNumber],
    })
  } catch (err) {
    // Another server process on the same database bootstrapped first (the virtual number is taken): fine.
    if (isDeskError(err) && err.code === 'Conflict') return null
    throw err
  }
  // Both opt-out add-ons on, as an operator would switch them, until the operator tier does it over the API.
  await desk.optOut.setService(account.id, { link: true, reply: true }, 'bootstrap')
  const user = await desk.users.create(account.id, { name: 'Admin', role: 'admin' })
  // A key the operator chose is issued like any other (stored as its hash and display prefix only).
  const { key } = await desk.apiKeys.issue(
    account.id,
    user.id,
    bootstrapApiKey ? { key: bootstrapApiKey } : undefined,
  )
  return { accountId: account.id, userId: user.id, apiKey: key, generated: !bootstrapApiKey }
}

export interface BootstrappedOperator {
  operatorId: string
  key: string
  /** False when the key is BOOTSTRAP_OPERATOR_KEY, which the provider already knows. */
  generated: boolean
}

/** Creates the first operator (role `operator`) and its key when there is none; null otherwise. */
export async function bootstrapOperator(
  desk: Desk,
  bootstrapKey: string | undefined,
): Promise<BootstrappedOperator | null> {
  if ((await desk.operator.staff.count()) > 0) return null
  const operator = await desk.operator.staff.create({ name: 'First operator', role: 'operator' })
  const { key } = await desk.operator.staff.issueKey(
    operator.id,
    bootstrapKey ? { key: bootstrapKey } : undefined,
  )
  return { operatorId: operator.id, key, generated: !bootstrapKey }
}
