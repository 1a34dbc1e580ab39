/**
 * First start on an empty database: a demo account (100 SEK, a virtual number for inbound SMS), an admin user
 * and an API key — `BOOTSTRAP_API_KEY` when set (stored hashed like every key), otherwise a random one.
 */
import { createHash } from 'node:crypto'
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
  let account: Awaited<ReturnType<Desk['createAccount']>>
  try {
    account = await desk.createAccount({
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
  const user = await desk.createUser(account.id, { name: 'Admin', role: 'admin' })
  if (!bootstrapApiKey) {
    const { key } = await desk.issueApiKey(account.id, user.id)
    return { accountId: account.id, userId: user.id, apiKey: key, generated: true }
  }
  // The Desk only mints random keys; a key the operator chose is stored as the schema says every key is:
  // its display prefix and the SHA-256 hex of the whole key.
  const { info } = await desk.issueApiKey(account.id, user.id)
  const hash = createHash('sha256').update(bootstrapApiKey, 'utf8').digest('hex')
  await store.db
    .updateTable('api_keys')
    .set({ hash, prefix: bootstrapApiKey.slice(0, info.prefix.length) })
    .where('id', '=', info.id)
    .execute()
  return { accountId: account.id, userId: user.id, apiKey: bootstrapApiKey, generated: false }
}
