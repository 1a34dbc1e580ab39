/** Reads `./.env` into the environment when there is one; variables already set win, as with `node --env-file`. */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/** Loads `.env` from the working directory (Node's own parser, `process.loadEnvFile`); returns whether it did. */
export function loadDotEnv(cwd = process.cwd()): boolean {
  const file = resolve(cwd, '.env')
  if (!existsSync(file)) return false
  process.loadEnvFile(file)
  return true
}
