/** `block` and `unblock`: the account's blocklist from chat. */

import type { Answer } from './answer.ts'
import type { Scope } from './scope.ts'

export async function blockNumber(scope: Scope, number: string): Promise<Answer> {
  const entry = await scope.desk.blocklist.add(scope.accountId, number, 'manual')
  return { title: scope.t.done, tone: 'success', text: scope.t.blocked(entry.number), private: false }
}

export async function unblockNumber(scope: Scope, number: string): Promise<Answer> {
  const removed = await scope.desk.blocklist.remove(scope.accountId, number)
  const { t } = scope
  return {
    title: t.done,
    tone: removed ? 'success' : 'info',
    text: removed ? t.unblocked(number) : t.notBlocked(number),
    private: false,
  }
}
