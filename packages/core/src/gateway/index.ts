/** The SMS gateways: the simulator (default) and iP1. */
export * from './ip1.ts'
export * from './simulator.ts'
