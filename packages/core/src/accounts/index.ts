/** Accounts, users, API keys and roles. */
export {
  type AccountsApi,
  type AccountsModule,
  type AccountsModuleOptions,
  type ApiKeysApi,
  createAccountsModule,
  type UsersApi,
} from './accounts.ts'
export { API_KEY_PREFIX, hashApiKey, LAST_USED_RESOLUTION_MS } from './api-keys.ts'
export { ACTIONS, type Action, can, isRole, ROLE_PERMISSIONS, ROLES } from './roles.ts'
export { requireAccount } from './scope.ts'
