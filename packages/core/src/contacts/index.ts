/** Contacts, groups, the blocklist and opt-out link tokens. */
export { blockedAmong } from './blocked-among.ts'
export {
  type BlocklistApi,
  type BlocklistModule,
  createBlocklistModule,
} from './blocklist.ts'
export { blockNumber, isBlocked, liftRecipientBlock, RECIPIENT_REASONS } from './blocklist-store.ts'
export {
  type ContactQuery,
  type ContactsApi,
  type ContactsModule,
  createContactsModule,
  DEFAULT_PAGE_SIZE,
  type GroupsApi,
  MAX_PAGE_SIZE,
} from './contacts.ts'
export { maskNumber } from './mask.ts'
export { DEFAULT_COUNTRY, gatewayNumberToE164, toE164 } from './number.ts'
export { type SavedNames, saveContactFromSms } from './save-from-sms.ts'
