/** What each role may do: one table the server, the bot and the core all ask. */
import type { Role } from '../desk.ts'

export const ACTIONS = [
  'read',
  'send',
  'edit_contacts',
  'manage_money',
  'manage_users',
  'manage_senders',
  'manage_settings',
] as const
export type Action = (typeof ACTIONS)[number]

export const ROLES = ['admin', 'sender', 'viewer'] as const satisfies readonly Role[]

/** viewer reads; sender also sends and edits contacts; admin does everything, including money, people and settings. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  viewer: ['read'],
  sender: ['read', 'send', 'edit_contacts'],
  admin: [
    'read',
    'send',
    'edit_contacts',
    'manage_money',
    'manage_users',
    'manage_senders',
    'manage_settings',
  ],
}

/** Whether `role` may perform `action`. */
export function can(role: Role, action: Action): boolean {
  return ROLE_PERMISSIONS[role]?.includes(action) ?? false
}

/** Narrows untrusted input (a request body, a chat command) to a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
