/**
 * The recovery command on the server host: `npm run operator -- create-key <name> [--role support]` creates an
 * operator in the configured database (DATABASE_URL or DATA_DIR, as the server reads them) and prints its new key.
 */
import { createDesk, isOperatorRole, type OperatorRole } from '@smsdesk/core'
import { ConfigError, loadConfig } from './config.ts'

const USAGE = 'usage: npm run operator -- create-key <name> [--role operator|support]'

/** Runs the command; returns the exit code. Output goes to `out` (the key) and `err` (everything else). */
export async function runOperatorCommand(
  args: string[],
  env: Record<string, string | undefined>,
  io: { out(line: string): void; err(line: string): void },
): Promise<number> {
  const [command, ...rest] = args
  let role: OperatorRole = 'operator'
  const names: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === '--role') {
      const value = rest[++i]
      if (!isOperatorRole(value)) {
        io.err(`--role must be operator or support\n${USAGE}`)
        return 2
      }
      role = value
    } else names.push(arg)
  }
  const name = names.join(' ').trim()
  if (command !== 'create-key' || !name) {
    io.err(USAGE)
    return 2
  }
  let database: string
  try {
    database = loadConfig(env).database
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message)
      return 2
    }
    throw err
  }
  const desk = await createDesk({ database })
  try {
    const operator = await desk.operator.staff.create({ name, role })
    const { key } = await desk.operator.staff.issueKey(operator.id)
    await desk.audit.record({
      operatorId: operator.id,
      operatorName: operator.name,
      action: `cli create-key (${role})`,
      via: 'cli',
      origin: 'server host',
    })
    io.err(`Created ${role} "${operator.name}" (${operator.id}). Its key, shown only this once:`)
    io.out(key)
    return 0
  } finally {
    await desk.close()
  }
}
