/** Contact and blocklist rows to the Desk's shapes. */

import type { Selectable } from 'kysely'
import type { BlockEntry, Contact } from '../desk.ts'
import type { BlocklistTable, ContactRow } from '../store/schema.ts'

export function rowToContact(row: ContactRow, groups: string[]): Contact {
  return {
    id: row.id,
    number: row.number,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    groups,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }
}

export function rowToBlockEntry(row: Selectable<BlocklistTable>): BlockEntry {
  return { number: row.number, reason: row.reason, createdAt: new Date(row.created_at) }
}
