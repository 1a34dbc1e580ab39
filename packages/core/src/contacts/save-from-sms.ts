/** Saves an SMS sender as a contact (the `Spara` keyword), inside the caller's transaction. */
import type { Kysely } from 'kysely'
import { iso } from '../context.ts'
import { newId } from '../ids.ts'
import type { Database } from '../store/schema.ts'
import { addMemberships, ensureGroups } from './groups.ts'

export interface SavedNames {
  firstName: string
  lastName: string | null
  group: string | null
}

/**
 * Creates the contact for `number`, or updates the one that exists: the names given replace the stored ones,
 * a last name not given is left as it was, and the group is added to the groups it is already in (created if new).
 * Returns the contact id.
 */
export async function saveContactFromSms(
  trx: Kysely<Database>,
  accountId: string,
  number: string,
  names: SavedNames,
  now: Date,
): Promise<string> {
  const existing = await trx
    .selectFrom('contacts')
    .select('id')
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .executeTakeFirst()
  let contactId: string
  if (existing) {
    contactId = existing.id
    await trx
      .updateTable('contacts')
      .set({
        first_name: names.firstName,
        ...(names.lastName !== null ? { last_name: names.lastName } : {}),
        updated_at: iso(now),
      })
      .where('id', '=', contactId)
      .execute()
  } else {
    contactId = newId('con', now.getTime())
    await trx
      .insertInto('contacts')
      .values({
        id: contactId,
        account_id: accountId,
        number,
        first_name: names.firstName,
        last_name: names.lastName,
        email: null,
        created_at: iso(now),
        updated_at: iso(now),
      })
      .execute()
  }
  if (names.group)
    await addMemberships(trx, contactId, await ensureGroups(trx, accountId, [names.group], now))
  return contactId
}
