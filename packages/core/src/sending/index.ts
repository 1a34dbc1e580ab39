/** Sending: validation, pricing, funding and storing a batch; `quote` and `send`. */
export { compileContentPolicy } from './content-policy.ts'
export { planSend, type SendingDeps, type SendPlan } from './plan.ts'
export { assertPriceTable, DEFAULT_PRICES, type PriceList, type PriceTable, segmentPrice } from './pricing.ts'
export { createSendingModule, type SendingModule } from './send.ts'
export * from './validate.ts'
