/** Contacts and groups: one contact per number per account, groups created on first use, stable paging by id. */
import type { Kysely } from 'kysely'
import { requireAccount } from '../accounts/scope.ts'
import { isUniqueViolation } from '../accounts/store-errors.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import type { Contact, ContactInput, Group, Page } from '../desk.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { Database } from '../store/schema.ts'
import { ensureGroups, groupNamesFor, replaceMemberships } from './groups.ts'
import { rowToContact } from './mappers.ts'
import { DEFAULT_COUNTRY, toE164 } from './number.ts'
import { matchesSearch } from './search.ts'
import { cleanEmail, cleanGroupNames, cleanName, groupKey } from './validate.ts'

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 500

export interface ContactQuery {
  search?: string
  group?: string
  limit?: number
  cursor?: string
}

/** `desk.contacts`: an account's address book. */
export interface ContactsApi {
  list(accountId: string, query?: ContactQuery): Promise<Page<Contact>>
  get(accountId: string, id: string): Promise<Contact>
  create(accountId: string, input: ContactInput): Promise<Contact>
  update(accountId: string, id: string, patch: Partial<ContactInput>): Promise<Contact>
  delete(accountId: string, id: string): Promise<void>
}

/** `desk.groups`: contact groups (created on first use by a contact). */
export interface GroupsApi {
  list(accountId: string): Promise<Group[]>
}

export interface ContactsModule {
  contacts: ContactsApi
  groups: GroupsApi
  /** Distinct numbers of everyone in these groups (by name, ignoring case); names with no such group in `missing`. */
  membersOfGroups(accountId: string, names: string[]): Promise<{ numbers: string[]; missing: string[] }>
}

/** The Desk's contact and group methods over the store in `ctx`. */
export function createContactsModule(
  ctx: CoreContext,
  opts: { defaultCountry?: string } = {},
): ContactsModule {
  const { db, clock } = ctx
  const defaultCountry = opts.defaultCountry ?? DEFAULT_COUNTRY

  async function load(dbOrTrx: Kysely<Database>, accountId: string, id: string): Promise<Contact> {
    const row = await dbOrTrx
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst()
    if (!row) throw new DeskError('NotFound', `No contact ${id}`)
    const groups = await groupNamesFor(dbOrTrx, [row.id])
    return rowToContact(row, groups.get(row.id) ?? [])
  }

  async function listContacts(accountId: string, query: ContactQuery = {}): Promise<Page<Contact>> {
    await requireAccount(db, accountId)
    const limit = pageSize(query.limit)
    let q = db.selectFrom('contacts').selectAll('contacts').where('contacts.account_id', '=', accountId)
    if (query.group !== undefined) {
      const group = await db
        .selectFrom('groups')
        .select('id')
        .where('account_id', '=', accountId)
        .where('name_key', '=', groupKey(query.group))
        .executeTakeFirst()
      if (!group) throw new DeskError('NotFound', `No group "${query.group}"`)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('contact_groups')
            .select('contact_groups.contact_id')
            .whereRef('contact_groups.contact_id', '=', 'contacts.id')
            .where('contact_groups.group_id', '=', group.id),
        ),
      )
    }
    if (query.search?.trim()) {
      const search = query.search
      q = q.where((eb) => matchesSearch(eb, search))
    }
    if (query.cursor) q = q.where('contacts.id', '>', query.cursor)
    const rows = await q
      .orderBy('contacts.id')
      .limit(limit + 1)
      .execute()
    const page = rows.slice(0, limit)
    const groups = await groupNamesFor(
      db,
      page.map((r) => r.id),
    )
    return {
      items: page.map((r) => rowToContact(r, groups.get(r.id) ?? [])),
      nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    }
  }

  async function createContact(accountId: string, input: ContactInput): Promise<Contact> {
    const number = toE164(input?.number, defaultCountry)
    const fields = {
      first_name: cleanName(input.firstName, 'firstName'),
      last_name: cleanName(input.lastName, 'lastName'),
      email: cleanEmail(input.email),
    }
    const groupNames = cleanGroupNames(input.groups)
    const now = clock.now()
    const id = newId('con', now.getTime())
    return db
      .transaction()
      .execute(async (trx) => {
        await requireAccount(trx, accountId)
        await assertNumberFree(trx, accountId, number)
        await trx
          .insertInto('contacts')
          .values({
            id,
            account_id: accountId,
            number,
            ...fields,
            created_at: iso(now),
            updated_at: iso(now),
          })
          .execute()
        await replaceMemberships(trx, id, await ensureGroups(trx, accountId, groupNames, now))
        return load(trx, accountId, id)
      })
      .catch(conflictOnDuplicate(number))
  }

  async function updateContact(
    accountId: string,
    id: string,
    patch: Partial<ContactInput>,
  ): Promise<Contact> {
    const changes: {
      number?: string
      first_name?: string | null
      last_name?: string | null
      email?: string | null
    } = {}
    if (patch.number !== undefined) changes.number = toE164(patch.number, defaultCountry)
    if (patch.firstName !== undefined) changes.first_name = cleanName(patch.firstName, 'firstName')
    if (patch.lastName !== undefined) changes.last_name = cleanName(patch.lastName, 'lastName')
    if (patch.email !== undefined) changes.email = cleanEmail(patch.email)
    const groupNames = patch.groups !== undefined ? cleanGroupNames(patch.groups) : undefined
    const now = clock.now()
    return db
      .transaction()
      .execute(async (trx) => {
        const current = await load(trx, accountId, id)
        if (changes.number && changes.number !== current.number)
          await assertNumberFree(trx, accountId, changes.number)
        await trx
          .updateTable('contacts')
          .set({ ...changes, updated_at: iso(now) })
          .where('id', '=', id)
          .where('account_id', '=', accountId)
          .execute()
        if (groupNames) await replaceMemberships(trx, id, await ensureGroups(trx, accountId, groupNames, now))
        return load(trx, accountId, id)
      })
      .catch(conflictOnDuplicate(changes.number ?? ''))
  }

  async function deleteContact(accountId: string, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('contact_groups')
        .where('contact_id', 'in', (eb) =>
          eb.selectFrom('contacts').select('id').where('id', '=', id).where('account_id', '=', accountId),
        )
        .execute()
      const result = await trx
        .deleteFrom('contacts')
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst()
      if (Number(result.numDeletedRows) === 0) throw new DeskError('NotFound', `No contact ${id}`)
    })
  }

  async function listGroups(accountId: string): Promise<Group[]> {
    await requireAccount(db, accountId)
    const rows = await db
      .selectFrom('groups')
      .leftJoin('contact_groups', 'contact_groups.group_id', 'groups.id')
      .select((eb) => [
        'groups.id',
        'groups.name',
        'groups.created_at',
        eb.fn.count('contact_groups.contact_id').as('members'),
      ])
      .where('groups.account_id', '=', accountId)
      .groupBy(['groups.id', 'groups.name', 'groups.name_key', 'groups.created_at'])
      .orderBy('groups.name_key')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      members: Number(r.members),
      createdAt: new Date(r.created_at),
    }))
  }

  async function membersOfGroups(
    accountId: string,
    names: string[],
  ): Promise<{ numbers: string[]; missing: string[] }> {
    await requireAccount(db, accountId)
    const wanted = names.filter((n) => typeof n === 'string' && n.trim())
    if (!wanted.length) return { numbers: [], missing: [] }
    const groups = await db
      .selectFrom('groups')
      .select(['id', 'name_key'])
      .where('account_id', '=', accountId)
      .where('name_key', 'in', wanted.map(groupKey))
      .execute()
    const found = new Set(groups.map((g) => g.name_key))
    const missing = wanted.filter((n) => !found.has(groupKey(n)))
    if (!groups.length) return { numbers: [], missing }
    const rows = await db
      .selectFrom('contacts')
      .innerJoin('contact_groups', 'contact_groups.contact_id', 'contacts.id')
      .select('contacts.number')
      .distinct()
      .where('contacts.account_id', '=', accountId)
      .where(
        'contact_groups.group_id',
        'in',
        groups.map((g) => g.id),
      )
      .orderBy('contacts.number')
      .execute()
    return { numbers: rows.map((r) => r.number), missing }
  }

  return {
    contacts: {
      list: listContacts,
      get: (a, id) => load(db, a, id),
      create: createContact,
      update: updateContact,
      delete: deleteContact,
    },
    groups: { list: listGroups },
    membersOfGroups,
  }
}

async function assertNumberFree(trx: Kysely<Database>, accountId: string, number: string): Promise<void> {
  const taken = await trx
    .selectFrom('contacts')
    .select('id')
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .executeTakeFirst()
  if (taken) throw duplicateNumber(number, taken.id)
}

function duplicateNumber(number: string, existingId?: string): DeskError {
  return new DeskError('Conflict', `A contact with number ${number} already exists`, {
    details: existingId ? { contactId: existingId } : {},
  })
}

/** A racing insert that hits the unique constraint gets the same Conflict as one that lost the pre-check. */
function conflictOnDuplicate(number: string) {
  return (err: unknown): never => {
    if (isUniqueViolation(err)) throw duplicateNumber(number)
    throw err
  }
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE
  if (!Number.isInteger(limit) || limit < 1)
    throw new DeskError('InvalidRequest', 'limit must be a positive whole number')
  return Math.min(limit, MAX_PAGE_SIZE)
}
