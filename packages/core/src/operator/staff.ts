/** `desk.operator.staff`: the provider's own people and their keys, which act across every account. */
import { lastUsedIsStale } from '../accounts/api-keys.ts'
import { isUniqueViolation } from '../accounts/store-errors.ts'
import type { CoreContext } from '../context.ts'
import { iso } from '../context.ts'
import { DeskError } from '../errors.ts'
import { newId } from '../ids.ts'
import { generateOperatorKey, hashOperatorKey, isOperatorKey, operatorKeyPrefix } from './keys.ts'

export const OPERATOR_ROLES = ['operator', 'support'] as const
/** `operator` does everything; `support` reads across accounts and never changes money or settings. */
export type OperatorRole = (typeof OPERATOR_ROLES)[number]

export interface Operator {
  id: string
  name: string
  role: OperatorRole
  createdAt: Date
}

/** Who is acting on the provider's side. */
export interface OperatorPrincipal {
  operatorId: string
  name: string
  role: OperatorRole
  keyId: string
}

export interface StaffApi {
  /** A new operator (role `operator` or `support`). */
  create(input: { name: string; role: OperatorRole }): Promise<Operator>
  /** How many operators exist: zero means the first start, when one is bootstrapped. */
  count(): Promise<number>
  /**
   * A key for the operator, shown only in this answer. `options.key` issues one chosen by the caller (it must be
   * `smso_` + 32 letters or digits, else `InvalidRequest`; one in use is a `Conflict`).
   */
  issueKey(operatorId: string, options?: { key?: string }): Promise<{ key: string; keyId: string }>
  /** The operator behind a raw key, or null for an unknown, revoked or account key. */
  authenticate(rawKey: string): Promise<OperatorPrincipal | null>
}

/** Narrows untrusted input to an operator role. */
export function isOperatorRole(value: unknown): value is OperatorRole {
  return typeof value === 'string' && (OPERATOR_ROLES as readonly string[]).includes(value)
}

/** `desk.operator.staff` over the store in `ctx`. */
export function createStaffApi(ctx: CoreContext): StaffApi {
  const { db, clock } = ctx
  return {
    async create(input) {
      const name = typeof input?.name === 'string' ? input.name.trim() : ''
      if (!name || name.length > 100)
        throw new DeskError('InvalidRequest', 'An operator needs a name (1 to 100 characters)')
      if (!isOperatorRole(input.role))
        throw new DeskError('InvalidRequest', 'Role must be operator or support')
      const now = clock.now()
      const row = { id: newId('opr', now.getTime()), name, role: input.role, created_at: iso(now) }
      await db.insertInto('operators').values(row).execute()
      return { id: row.id, name, role: row.role, createdAt: now }
    },

    async count() {
      const row = await db
        .selectFrom('operators')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    async issueKey(operatorId, options = {}) {
      if (options.key !== undefined && !isOperatorKey(options.key))
        throw new DeskError(
          'InvalidRequest',
          'A chosen operator key must be "smso_" followed by 32 letters or digits',
        )
      const found = await db
        .selectFrom('operators')
        .select('id')
        .where('id', '=', operatorId)
        .executeTakeFirst()
      if (!found) throw new DeskError('NotFound', `No operator ${operatorId}`)
      const key = options.key ?? generateOperatorKey()
      const now = clock.now()
      const keyId = newId('okey', now.getTime())
      try {
        await db
          .insertInto('operator_keys')
          .values({
            id: keyId,
            operator_id: operatorId,
            prefix: operatorKeyPrefix(key),
            hash: hashOperatorKey(key),
            created_at: iso(now),
            revoked_at: null,
            last_used_at: null,
          })
          .execute()
      } catch (err) {
        if (isUniqueViolation(err)) throw new DeskError('Conflict', 'That operator key is already in use')
        throw err
      }
      return { key, keyId }
    },

    async authenticate(rawKey) {
      if (!isOperatorKey(rawKey)) return null
      const row = await db
        .selectFrom('operator_keys')
        .innerJoin('operators', 'operators.id', 'operator_keys.operator_id')
        .select([
          'operator_keys.id',
          'operator_keys.revoked_at',
          'operator_keys.last_used_at',
          'operators.id as operator_id',
          'operators.name',
          'operators.role',
        ])
        .where('operator_keys.hash', '=', hashOperatorKey(rawKey))
        .executeTakeFirst()
      if (!row || row.revoked_at) return null
      const now = clock.now()
      if (lastUsedIsStale(row.last_used_at, now))
        await db
          .updateTable('operator_keys')
          .set({ last_used_at: iso(now) })
          .where('id', '=', row.id)
          .execute()
      return { operatorId: row.operator_id, name: row.name, role: row.role, keyId: row.id }
    },
  }
}
