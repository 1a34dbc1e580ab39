/** Contact groups: created on first use, matched by name regardless of case. */
import type { Kysely } from 'kysely'
import { iso } from '../context.ts'
import { newId } from '../ids.ts'
import type { Database } from '../store/schema.ts'
import { groupKey } from './validate.ts'

type Db = Kysely<Database>

/** Ids of the named groups in the account, creating the missing ones. Call inside a transaction. */
export async function ensureGroups(
  trx: Db,
  accountId: string,
  names: string[],
  now: Date,
): Promise<string[]> {
  if (!names.length) return []
  const keys = names.map(groupKey)
  const values = names.map((name, i) => ({
    id: newId('grp', now.getTime()),
    account_id: accountId,
    name,
    name_key: keys[i] as string,
    created_at: iso(now),
  }))
  // ON CONFLICT DO NOTHING: a group someone else just created is simply reused.
  await trx
    .insertInto('groups')
    .values(values)
    .onConflict((oc) => oc.columns(['account_id', 'name_key']).doNothing())
    .execute()
  const rows = await trx
    .selectFrom('groups')
    .select(['id', 'name_key'])
    .where('account_id', '=', accountId)
    .where('name_key', 'in', keys)
    .execute()
  const idByKey = new Map(rows.map((r) => [r.name_key, r.id]))
  return keys.map((k) => idByKey.get(k)).filter((id): id is string => id !== undefined)
}

/** Makes the contact a member of exactly these groups. */
export async function replaceMemberships(trx: Db, contactId: string, groupIds: string[]): Promise<void> {
  await trx.deleteFrom('contact_groups').where('contact_id', '=', contactId).execute()
  await addMemberships(trx, contactId, groupIds)
}

/** Adds the contact to these groups, keeping the ones it is already in. */
export async function addMemberships(trx: Db, contactId: string, groupIds: string[]): Promise<void> {
  if (!groupIds.length) return
  await trx
    .insertInto('contact_groups')
    .values(groupIds.map((group_id) => ({ contact_id: contactId, group_id })))
    .onConflict((oc) => oc.columns(['contact_id', 'group_id']).doNothing())
    .execute()
}

/** Group names per contact id, each list sorted by name. */
export async function groupNamesFor(db: Db, contactIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (!contactIds.length) return out
  const rows = await db
    .selectFrom('contact_groups')
    .innerJoin('groups', 'groups.id', 'contact_groups.group_id')
    .select(['contact_groups.contact_id', 'groups.name'])
    .where('contact_groups.contact_id', 'in', contactIds)
    .orderBy('groups.name_key')
    .execute()
  for (const row of rows) {
    const list = out.get(row.contact_id) ?? []
    list.push(row.name)
    out.set(row.contact_id, list)
  }
  return out
}
