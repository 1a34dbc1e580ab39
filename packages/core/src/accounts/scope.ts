/** Account scoping shared by every store module: an id outside the caller's account is simply not found. */
import type { Kysely, Transaction } from 'kysely'
import { DeskError } from '../errors.ts'
import type { AccountRow, Database } from '../store/schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The account row, or `DeskError('NotFound')`. */
export async function requireAccount(db: Db, accountId: string): Promise<AccountRow> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst()
  if (!row) throw new DeskError('NotFound', `No account ${accountId}`)
  return row
}
