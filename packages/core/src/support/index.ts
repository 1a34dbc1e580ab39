/** The support module's surface inside the core. */

export { FAQ_DRAFT_LIMITS, type FaqDraftsApi } from './drafts.ts'
export { createSupportApi, hashSupportToken, SUPPORT_RETENTION_DAYS, type SupportApi } from './support.ts'
export type * from './types.ts'
export { SUPPORT_LIMITS } from './validate.ts'
