/**
 * A message's history as it is stored: in the message's own row (`messages.history`), not in a table of its own.
 * Each step is a JSON array `[code, at, detail]`, its trailing nulls left out, and the steps are joined by commas in
 * recording order, so the column reads as a JSON array once put in brackets and a step is added by appending
 * `,[…]`. `at` is null (left out) for the steps written with the message at its send: they happened at its
 * `created_at`. A code appears at most once per message.
 *
 * Why in the row: a look-up then reads one B-tree instead of two, a status change rewrites the row it already
 * rewrote (no history row inserted beside it, no second index to keep), and the recorder reads the codes a message
 * has from the row it locks.
 */

/** One step as stored: the code, when (null: at the message's creation), and what the gateway or we said. */
export type StoredStep = readonly [code: number, at?: string | null, detail?: string | null]

/** A step's text, to be joined to the others by commas. */
export function stepText(code: number, at: string | null, detail: string | null): string {
  if (detail !== null) return `[${code},${JSON.stringify(at)},${JSON.stringify(detail)}]`
  if (at !== null) return `[${code},${JSON.stringify(at)}]`
  return `[${code}]`
}

/** The stored text with `steps` appended (in order). */
export function appendSteps(history: string, steps: readonly string[]): string {
  if (steps.length === 0) return history
  const added = steps.join(',')
  return history === '' ? added : `${history},${added}`
}

/** Every step, in recording order. */
export function parseHistory(history: string): StoredStep[] {
  return history === '' ? [] : (JSON.parse(`[${history}]`) as StoredStep[])
}

/** The codes a history holds. */
export function historyCodes(history: string): Set<number> {
  const codes = new Set<number>()
  for (const step of parseHistory(history)) codes.add(step[0])
  return codes
}

/** The history a send writes for a funded message (101 Accepted, 102 Queued, 103 Funded, all at its creation). */
export const FUNDED_HISTORY = '[101],[102],[103]'

/** The history a send writes for a message that ends at once with `code` (a rejection, 402 unfunded). */
export function endedAtSendHistory(code: number, detail: string | null): string {
  return `[101],${stepText(code, null, detail)}`
}
