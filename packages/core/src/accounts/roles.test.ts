/** The role table: who may do what. */
import { describe, expect, it } from 'vitest'
import { ACTIONS, can, isRole, ROLES } from './roles.ts'

describe('roles', () => {
  it('lets a viewer only read', () => {
    expect(ACTIONS.filter((a) => can('viewer', a))).toEqual(['read'])
  })
  it('lets a sender read, send and edit contacts, but not touch money or users', () => {
    expect(ACTIONS.filter((a) => can('sender', a))).toEqual(['read', 'send', 'edit_contacts'])
  })
  it('lets an admin do everything', () => {
    expect(ACTIONS.every((a) => can('admin', a))).toBe(true)
  })
  it('knows nothing of made-up roles', () => {
    expect(can('owner' as never, 'read')).toBe(false)
    expect(ROLES.every(isRole)).toBe(true)
    expect(isRole('Admin')).toBe(false)
    expect(isRole(undefined)).toBe(false)
  })
})
