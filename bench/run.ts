/**
 * `npm run bench`: runs every benchmark module in turn. Each prints its own figures beside a baseline
 * measured in the same run, so the ratio — not the absolute number — is what to compare across machines.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const suites = [
  'core',
  'hand-over',
  'dispatch',
  'http',
  'store',
  'kannel',
  'slack',
  'widget',
  'faq',
  'support',
  'ship',
] as const
const only = process.argv.slice(2)

for (const name of suites) {
  if (only.length > 0 && !only.includes(name)) continue
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
  if (!existsSync(file)) {
    console.log(`\n## ${name}: no benchmark yet (bench/${name}.ts)`)
    continue
  }
  console.log(`\n## ${name}`)
  const mod = (await import(file)) as { default: () => Promise<void> }
  await mod.default()
}
