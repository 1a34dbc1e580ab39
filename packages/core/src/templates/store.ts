/** The queries behind `desk.templates` and the contact fields a templated send fills in. */
import type { Kysely } from 'kysely'
import type { Database, TemplatesTable } from '../store/schema.ts'

export type TemplateRow = TemplatesTable

export function selectTemplates(db: Kysely<Database>, accountId: string): Promise<TemplateRow[]> {
  return db.selectFrom('templates').selectAll().where('account_id', '=', accountId).orderBy('name').execute()
}

export function selectTemplate(
  db: Kysely<Database>,
  accountId: string,
  name: string,
): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('templates')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst()
}

/** Inserts or replaces the account's template of that name; returns the stored row. */
export async function upsertTemplate(db: Kysely<Database>, row: TemplateRow): Promise<TemplateRow> {
  await db
    .insertInto('templates')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['account_id', 'name']).doUpdateSet({ body: row.body, updated_at: row.updated_at }),
    )
    .execute()
  return (await selectTemplate(db, row.account_id, row.name)) as TemplateRow
}

export async function deleteTemplate(
  db: Kysely<Database>,
  accountId: string,
  name: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('templates')
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export interface ContactFields {
  firstName: string | null
  lastName: string | null
  email: string | null
}

/** Keeps each `in (…)` list well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500

/** The contact fields of each of these numbers (E.164) that is a contact of the account. */
export async function contactFieldsFor(
  db: Kysely<Database>,
  accountId: string,
  numbers: string[],
): Promise<Map<string, ContactFields>> {
  const fields = new Map<string, ContactFields>()
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const rows = await db
      .selectFrom('contacts')
      .select(['number', 'first_name', 'last_name', 'email'])
      .where('account_id', '=', accountId)
      .where('number', 'in', numbers.slice(i, i + CHUNK))
      .execute()
    for (const r of rows)
      fields.set(r.number, { firstName: r.first_name, lastName: r.last_name, email: r.email })
  }
  return fields
}
