/**
 * How much garbage the process lets pile up. V8 by default lets its old generation grow to several times what the
 * last full collection kept before it collects again: through a 100,000-message dispatch the heap climbed to about
 * 250 MB of mostly garbage between full collections, each of which fell back to 40 – 80 MB. With a fixed growth
 * factor the next full collection comes at (1 + percent/100) × what survived, so the peak follows what is live.
 * Full collections of a small live heap are short; `npm run bench -- dispatch` measures the peak and the time with
 * V8's own behaviour and with this setting in the same run. A V8 flag, set at start-up for the whole process.
 */
import v8 from 'node:v8'

export function setHeapGrowth(percent: number): void {
  // 0 is V8's own default: a factor it picks from how fast collections run.
  v8.setFlagsFromString(`--heap-growing-percent=${Math.max(0, Math.round(percent))}`)
}
