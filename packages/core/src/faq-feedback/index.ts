/** What the FAQ misses: search misses and "Did this help?" votes, counted without personal data. */
export * from './api.ts'
export { MAX_MISS_QUERY_LENGTH, normaliseFaqQuery } from './normalise.ts'
