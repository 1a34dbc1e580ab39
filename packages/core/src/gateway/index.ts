/** The SMS gateways: the simulator (default) and iP1. */
export * from './simulator.ts'
