/** `desk.operator`: what the provider's own staff do across accounts, grouped by concept. */
import type { AccountsApi } from '../accounts/accounts.ts'
import type { CoreContext } from '../context.ts'
import { createOperatorAccountsApi, type OperatorAccountsApi } from './accounts.ts'
import { createOperatorMessagesApi, type OperatorMessagesApi } from './messages.ts'
import { createStaffApi, type StaffApi } from './staff.ts'
import { createSupportWorkspacesApi, type SupportWorkspacesApi } from './workspaces.ts'

export type { AccountChanges, OperatorAccountsApi } from './accounts.ts'
export { OPERATOR_KEY_PREFIX } from './keys.ts'
export type {
  AccountRef,
  OperatorInbound,
  OperatorMessage,
  OperatorMessageFilter,
  OperatorMessagesApi,
} from './messages.ts'
export {
  isOperatorRole,
  OPERATOR_ROLES,
  type Operator,
  type OperatorPrincipal,
  type OperatorRole,
  type StaffApi,
} from './staff.ts'

export type { SupportWorkspace, SupportWorkspacesApi } from './workspaces.ts'

export interface OperatorApi {
  readonly staff: StaffApi
  readonly accounts: OperatorAccountsApi
  readonly messages: OperatorMessagesApi
  readonly workspaces: SupportWorkspacesApi
}

/** `desk.operator` over the store in `ctx`. */
export function createOperatorApi(
  ctx: CoreContext,
  accounts: AccountsApi,
  defaultCountry: string,
): OperatorApi {
  return {
    staff: createStaffApi(ctx),
    accounts: createOperatorAccountsApi(ctx, accounts, defaultCountry),
    messages: createOperatorMessagesApi(ctx, defaultCountry),
    workspaces: createSupportWorkspacesApi(ctx),
  }
}
