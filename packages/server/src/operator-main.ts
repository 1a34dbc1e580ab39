/** `npm run operator -- …`: the operator recovery command as a process (see `runOperatorCommand`). */
import { runOperatorCommand } from './operator-cli.ts'

runOperatorCommand(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`Cannot create the key: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  },
)
