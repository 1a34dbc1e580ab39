/** The ledger: balances, their history, and the money moves sending needs. */
export { fundBatch, readBalance, refundMessage, topUpBalance } from './balance.ts'
export { appendLedgerEntry, listLedgerEntries, pageLimit } from './entries.ts'
