/** `desk.templates`: an account's saved message texts, by name. */
import { requireAccount } from '../accounts/scope.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import { assertValidBody } from '../sending/validate.ts'
import { placeholdersIn } from './fill.ts'
import { deleteTemplate, selectTemplate, selectTemplates, type TemplateRow, upsertTemplate } from './store.ts'

export interface Template {
  id: string
  /** Lower-case: `Booking` and `booking` are the same template. */
  name: string
  body: string
  /** The placeholders the body names, each once, in order. */
  placeholders: string[]
  createdAt: Date
  updatedAt: Date
}

export interface TemplatesApi {
  /** Saves a template under `name`, replacing one of that name. */
  save(accountId: string, input: { name: string; body: string }): Promise<Template>
  list(accountId: string): Promise<Template[]>
  /** `NotFound` when the account has no template of that name. */
  get(accountId: string, name: string): Promise<Template>
  delete(accountId: string, name: string): Promise<void>
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/

/** A template name, checked and lower-cased; `InvalidRequest` naming the field otherwise. */
export function templateName(name: unknown): string {
  const lower = typeof name === 'string' ? name.trim().toLowerCase() : ''
  if (!NAME.test(lower))
    throw new DeskError(
      'InvalidRequest',
      'A template name is 1–40 letters, digits, - or _, starting with a letter or digit.',
      { details: { field: 'name' } },
    )
  return lower
}

export function rowToTemplate(row: TemplateRow): Template {
  return {
    id: row.id,
    name: row.name,
    body: row.body,
    placeholders: [...new Set(placeholdersIn(row.body).map((p) => p.name))],
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }
}

export function createTemplatesApi(ctx: CoreContext): TemplatesApi {
  const { db } = ctx
  const find = async (accountId: string, name: unknown): Promise<TemplateRow> => {
    const key = templateName(name)
    const row = await selectTemplate(db, accountId, key)
    if (!row) throw new DeskError('NotFound', `No template called "${key}".`, { details: { template: key } })
    return row
  }
  return {
    async save(accountId, input) {
      const name = templateName(input.name)
      const body = assertValidBody(input.body)
      await requireAccount(db, accountId)
      const now = iso(ctx.clock.now())
      const row = await upsertTemplate(db, {
        id: newId('tpl', ctx.clock.now().getTime()),
        account_id: accountId,
        name,
        body,
        created_at: now,
        updated_at: now,
      })
      return rowToTemplate(row)
    },
    list: async (accountId) => (await selectTemplates(db, accountId)).map(rowToTemplate),
    get: async (accountId, name) => rowToTemplate(await find(accountId, name)),
    async delete(accountId, name) {
      const row = await find(accountId, name)
      await deleteTemplate(db, accountId, row.name)
    },
  }
}
