/** The README's status and simulator tables are documentation users try things by: they must match the code. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SIMULATOR_OUTCOMES, STATUSES } from '@smsdesk/core'
import { describe, expect, it } from 'vitest'

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')
const tableRows = (text: string) => text.split('\n').filter((line) => line.startsWith('| '))
const rows = tableRows(readme)

function section(heading: string): string {
  const start = readme.indexOf(heading)
  expect(start, heading).toBeGreaterThanOrEqual(0)
  const end = readme.indexOf('\n### ', start + heading.length)
  return readme.slice(start, end === -1 ? undefined : end)
}

describe('README', () => {
  it('lists every status code with its name, group and finality', () => {
    for (const s of STATUSES) {
      const row = rows.find((r) => r.startsWith(`| ${s.code} | ${s.name} |`))
      expect(row, `row for ${s.code}`).toBeDefined()
      const cells = row!.split('|').map((c) => c.trim().replaceAll('*', ''))
      expect(cells[3]).toBe(s.group)
      expect(cells[4]).toBe(s.final ? 'yes' : 'no')
    }
  })

  it('documents every simulator outcome with the path the simulator really reports', () => {
    const simulatorRows = tableRows(section('### Simulator numbers'))
    for (const o of SIMULATOR_OUTCOMES) {
      const key = o.lastDigits ?? 'anything else'
      const row = simulatorRows.find((r) => r.startsWith(`| ${key} |`))
      expect(row, `row for ${key}`).toBeDefined()
      expect(row!.split('|')[2]!.trim()).toBe(o.path.join(' → '))
    }
  })

  it('shows the two commands a new user needs', () => {
    expect(readme).toContain('npm install && npm start')
    expect(readme).toContain('npm test')
  })
})
