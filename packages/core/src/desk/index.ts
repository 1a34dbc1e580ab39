/** Composition: `createDesk` and its options. */
export { createDesk, type DeskOptions } from './create-desk.ts'
