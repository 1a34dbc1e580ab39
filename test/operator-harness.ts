/** The server harness plus the provider's side: an operator key, a support key, and a count of operator calls made. */
import type { Dialect } from '@smsdesk/core'
import { type Harness, type Reply, startHarness } from './server-harness.ts'

export interface OperatorHarness extends Harness {
  operatorKey: string
  supportKey: string
  /** A call to `/api/v1/operator…` with the operator key unless told otherwise. */
  op(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
    headers?: Record<string, string>,
  ): Promise<Reply>
  /** How many operator calls were made with a valid operator or support key (each must leave an audit row). */
  auditedCalls(): number
  auditRows(): Promise<number>
}

export async function startOperatorHarness(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<OperatorHarness> {
  const h = await startHarness(dialect, env)
  const keyFor = async (name: string, role: 'operator' | 'support') => {
    const person = await h.desk.operator.staff.create({ name, role })
    return (await h.desk.operator.staff.issueKey(person.id)).key
  }
  const operatorKey = await keyFor('Olle Operator', 'operator')
  const supportKey = await keyFor('Stina Support', 'support')
  let calls = 0
  return Object.assign(h, {
    operatorKey,
    supportKey,
    async op(
      method: string,
      path: string,
      body?: unknown,
      key = operatorKey,
      headers: Record<string, string> = {},
    ) {
      if (key === operatorKey || key === supportKey) calls++
      return h.call(method, `/api/v1/operator${path}`, {
        key,
        headers,
        ...(body !== undefined ? { body } : {}),
      })
    },
    auditedCalls: () => calls,
    async auditRows() {
      const row = await h.desk.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('via', '=', 'api')
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
  })
}
